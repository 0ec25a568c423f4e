/** An image reference split into repository, tag and digest ("latest" when untagged). */
export interface ImageRef {
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

export function parseImage(image: string): ImageRef {
  const [name = '', digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tagged = colon > slash;
  const repository = tagged ? name.slice(0, colon) : name;
  const tag = tagged ? name.slice(colon + 1) : 'latest';
  return digest === undefined ? { repository, tag } : { repository, tag, digest };
}
