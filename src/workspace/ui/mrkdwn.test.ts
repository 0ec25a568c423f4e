import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml, type Names, plainToHtml } from './mrkdwn.ts';

const names: Names = {
  user: (id) => (id === 'U1' ? 'dana' : undefined),
  channel: (id) => (id === 'C1' ? 'incidents' : undefined),
  usergroup: (id) => (id === 'S1' ? 'oncall' : undefined),
};
const html = (text: string) => mrkdwnToHtml(text, names);

const OUR_TAGS = new Set(['a', 'b', 'i', 's', 'code', 'pre', 'br', 'blockquote', 'span']);
const OUR_ATTRIBUTES = /^(\s+(href|class|target|rel)="[^"<>]*")*$/;

/** Every tag in the output is one this renderer writes, with only its own attributes. */
function onlyOurMarkup(out: string): boolean {
  return [...out.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)].every(
    ([, tag = '', attributes = '']) =>
      OUR_TAGS.has(tag.toLowerCase()) && OUR_ATTRIBUTES.test(attributes),
  );
}

describe('mrkdwn as HTML', () => {
  it('never lets message text become markup', () => {
    for (const attack of [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '"><svg onload=alert(1)>',
      '*<b onclick=x>*',
      '`<iframe>`',
      '```</pre><script>x</script>```',
    ]) {
      const out = html(attack);
      expect(onlyOurMarkup(out), `${attack} → ${out}`).toBe(true);
      expect(out, attack).not.toMatch(/<(img|script|svg|iframe)/i);
    }
  });

  it('the markup check itself catches an injected tag or attribute', () => {
    expect(onlyOurMarkup('<img src=x>')).toBe(false);
    expect(onlyOurMarkup('<a href="#" onclick="x">')).toBe(false);
    expect(onlyOurMarkup('<b>ok</b> &lt;img&gt;')).toBe(true);
  });

  it('shows Slack-escaped text as the person wrote it', () => {
    expect(html('a &lt; b &amp;&amp; c &gt; d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(html('<not a link>')).toBe('&lt;not a link&gt;');
  });

  it('links only http(s) and mailto URLs', () => {
    expect(html('<https://example.com/a?b=1&amp;c=2|the runbook>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the runbook</a>',
    );
    expect(html('<javascript:alert(1)|click>')).toContain('href="#"');
    expect(html('<https://x.test/"onmouseover="alert(1)|x>')).not.toContain('" onmouseover');
  });

  it('names users, channels and groups', () => {
    expect(html('<@U1> in <#C1> for <!subteam^S1|@oncall> and <!here>')).toBe(
      '<span class="mention">@dana</span> in <span class="mention">#incidents</span> for ' +
        '<span class="mention">@oncall</span> and <span class="mention">@here</span>',
    );
  });

  it('shows <!date^…> as the time it names (UTC), not as a mention', () => {
    expect(html('since <!date^1795334400^{date_short} {time}|Nov 22>')).toBe(
      'since <span class="date">2026-11-22 08:00 UTC</span>',
    );
    expect(html('<!date^soon^{time}|later>')).toBe('later');
  });

  it('formats bold, italic, strike, code, blocks, quotes and emoji', () => {
    expect(html('*root cause:* _maybe_ ~no~ `kubectl get po`')).toBe(
      '<b>root cause:</b> <i>maybe</i> <s>no</s> <code>kubectl get po</code>',
    );
    expect(html('logs:\n```\nOOMKilled *x*\n```')).toBe('logs:<br><pre>OOMKilled *x*\n</pre>');
    expect(html('&gt; quoted\nplain :white_check_mark:')).toBe(
      '<blockquote>quoted</blockquote>plain \u2705',
    );
  });

  it('shows <...> inside code as text', () => {
    expect(html('`/punchingfist run <workflow> [key=value]` or <@U1>')).toBe(
      '<code>/punchingfist run &lt;workflow&gt; [key=value]</code> or <span class="mention">@dana</span>',
    );
  });

  it('plain_text is escaped, newlines kept', () => {
    expect(plainToHtml('<b>\nApprove :x:')).toBe('&lt;b&gt;<br>Approve \u274c');
    expect(plainToHtml(':x:', false)).toBe(':x:');
  });
});
