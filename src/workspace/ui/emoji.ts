// The emoji names the bot and people commonly use, as Unicode; others stay `:name:`.
const EMOJI: Readonly<Record<string, string>> = {
  white_check_mark: '\u2705',
  heavy_check_mark: '\u2714\ufe0f',
  x: '\u274c',
  warning: '\u26a0\ufe0f',
  rotating_light: '\u{1f6a8}',
  fire: '\u{1f525}',
  mag: '\u{1f50d}',
  hourglass: '\u231b',
  hourglass_flowing_sand: '\u23f3',
  large_green_circle: '\u{1f7e2}',
  large_yellow_circle: '\u{1f7e1}',
  red_circle: '\u{1f534}',
  white_circle: '\u26aa',
  arrows_counterclockwise: '\u{1f504}',
  leftwards_arrow_with_hook: '\u21a9\ufe0f',
  tada: '\u{1f389}',
  eyes: '\u{1f440}',
  rocket: '\u{1f680}',
  no_entry: '\u26d4',
  no_entry_sign: '\u{1f6ab}',
  information_source: '\u2139\ufe0f',
  bulb: '\u{1f4a1}',
  chart_with_upwards_trend: '\u{1f4c8}',
  stopwatch: '\u23f1\ufe0f',
  robot_face: '\u{1f916}',
  gear: '\u2699\ufe0f',
  clipboard: '\u{1f4cb}',
  memo: '\u{1f4dd}',
  thumbsup: '\u{1f44d}',
  '+1': '\u{1f44d}',
  wrench: '\u{1f527}',
  hammer_and_wrench: '\u{1f6e0}\ufe0f',
  test_tube: '\u{1f9ea}',
  bell: '\u{1f514}',
  zap: '\u26a1',
  skull: '\u{1f480}',
  package: '\u{1f4e6}',
  lock: '\u{1f512}',
  bar_chart: '\u{1f4ca}',
  mega: '\u{1f4e3}',
  speech_balloon: '\u{1f4ac}',
};

export function emoji(name: string): string | undefined {
  return EMOJI[name];
}

/** Replaces `:name:` with the emoji where known. Input must already be escaped HTML. */
export function replaceEmoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji(name) ?? whole);
}
