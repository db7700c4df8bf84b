// What a reader sees of Markdown rendered to HTML, and what they should see of the text that was escaped into it.
// The report's and the hover's escaping tests both compare the two, on white space collapsed.

/** The text of markdown-it's HTML for a paragraph: line breaks kept, tags dropped, entities decoded. */
export function shownText(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The input as it should read once rendered: invisible controls gone, tabs as spaces, blank lines dropped. */
export function expectedVisibleText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what the escaping must remove
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\t/g, ' ')
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .join('\n')
  );
}
