/**
 * An SVG rasterised to PNG by resvg (Rust, through its npm-shipped native
 * binary). Text is drawn with the system's fonts, the SVG's font-family
 * lists first; Liberation Sans, else DejaVu Sans, stands in for the generic
 * families.
 */
export interface RasteriseOptions {
  /** Output width in px; the SVG is scaled to it (2× its width gives crisp text in Slack). */
  readonly width: number;
  readonly fontFamily?: string;
}

export async function svgToPng(svg: string, options: RasteriseOptions): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const family = options.fontFamily ?? 'Liberation Sans';
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: options.width },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: family,
      sansSerifFamily: family,
    },
  });
  return resvg.render().asPng();
}
