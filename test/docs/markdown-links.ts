import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One link written in a Markdown file: where it points, and the line it is on. */
export interface MarkdownLink {
  file: string;
  line: number;
  target: string;
}

/** What is wrong with one link, in words that name the file, line and target. */
export interface BrokenLink extends MarkdownLink {
  problem: string;
}

/** The text with fenced code blocks blanked out, lines kept where they were. */
function withoutFences(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | null = null;
  const kept = lines.map((line) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length) fence = null;
      return '';
    }
    if (opening) {
      fence = opening[1];
      return '';
    }
    return line;
  });
  return kept.join('\n');
}

/** The text with fenced code blocks and inline code spans (within one line) blanked out. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown)
    .split('\n')
    .map((line) => line.replace(/(`+)(?:(?!\1).)+?\1/g, (span) => ' '.repeat(span.length)))
    .join('\n');
}

/** Every link target in a Markdown file: inline links and images, autolinks, and reference definitions. */
export function linksIn(file: string, markdown: string): MarkdownLink[] {
  const text = withoutCode(markdown);
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const links: MarkdownLink[] = [];
  const add = (offset: number, target: string) => links.push({ file, line: lineAt(offset), target: target.replace(/^<(.*)>$/s, '$1') });
  // [text](target "title") and ![alt](target), the text possibly over several lines; the target may be written <like this>.
  for (const match of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\s*\)/g)) add(match.index!, match[1]);
  for (const match of text.matchAll(/<((?:https?|mailto):[^>\s]*)>/g)) add(match.index!, match[1]);
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>]*>|\S+)/gm)) add(match.index!, match[1]);
  return links;
}

/** The text a heading shows: inline code, links, images and emphasis reduced to their words. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/(\*\*|__|\*)/g, '');
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits, marks, '_',
 * '-' and spaces stay), each space turned into '-'. A repeated anchor gets '-1', '-2', ….
 */
export function slugOf(heading: string): string {
  return headingText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file offers, in the order its headings come. */
export function anchorsIn(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = slugOf(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Whether an external address is written well enough to be followed (nothing is fetched). */
function wellFormedUrl(target: string): boolean {
  try {
    const url = new URL(target);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !/\s/.test(target);
  } catch {
    return false;
  }
}

/**
 * The links of `files` (paths under `root`) that lead nowhere: a relative file that does not
 * exist, an anchor no heading of its target makes, an external address that is not a
 * well-formed http(s) URL. External addresses are never fetched.
 */
export function brokenLinks(root: string, files: string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (absolute: string) => {
    let known = anchorsOf.get(absolute);
    if (!known) anchorsOf.set(absolute, (known = anchorsIn(readFileSync(absolute, 'utf8'))));
    return known;
  };
  for (const file of files) {
    const absoluteFile = path.join(root, file);
    for (const link of linksIn(file, readFileSync(absoluteFile, 'utf8'))) {
      const fail = (problem: string) => broken.push({ ...link, problem });
      const { target } = link;
      if (target === '') {
        fail('the link has no target');
      } else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        if (target.startsWith('mailto:')) continue;
        if (!wellFormedUrl(target)) fail('not a well-formed http(s) address');
      } else {
        const [filePart, anchor] = splitAnchor(target);
        const destination = filePart === '' ? absoluteFile : path.resolve(path.dirname(absoluteFile), decodeURI(filePart));
        if (!destination.startsWith(root + path.sep) && destination !== root) {
          fail('points outside the repository');
        } else if (!existsSync(destination)) {
          fail(`no such file: ${path.relative(root, destination)}`);
        } else if (anchor !== undefined) {
          if (statSync(destination).isDirectory() || !destination.endsWith('.md'))
            fail(`an anchor into ${path.relative(root, destination)}, which is not a Markdown file`);
          else if (!anchors(destination).has(decodeURIComponent(anchor)))
            fail(`no heading in ${path.relative(root, destination)} makes the anchor #${anchor}`);
        }
      }
    }
  }
  return broken;
}

function splitAnchor(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  return hash < 0 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}
