/**
 * Every relative link in the repository's Markdown must lead somewhere a reader of a clone can
 * follow: to a file or folder inside the repository that exists, and, when it names an anchor,
 * to a heading (or an `id`/`name` anchor) of that page. Absolute URLs are not fetched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url))

/** Folders that hold installed or built files, not the repository's own pages. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git'])

function markdownFiles(folder: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...markdownFiles(join(folder, entry.name)))
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      found.push(join(folder, entry.name))
    }
  }
  return found
}

/** The text with fenced code blocks blanked out (line count kept), where links are not links. */
function withoutCodeBlocks(text: string): string[] {
  let fence: string | undefined
  return text.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence === undefined && marker) {
      fence = marker
      return ''
    }
    if (fence !== undefined) {
      if (marker?.startsWith(fence[0]!) && marker.length >= fence.length) fence = undefined
      return ''
    }
    return line
  })
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
    .replace(/`/g, '')
    .replace(/\*+/g, '')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-')
}

/** Every anchor a page offers: its headings' slugs (repeats numbered, as GitHub does) and ids. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of withoutCodeBlocks(text)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]
    if (heading !== undefined) {
      const slug = headingSlug(heading)
      const count = seen.get(slug) ?? 0
      seen.set(slug, count + 1)
      anchors.add(count === 0 ? slug : `${slug}-${count}`)
    }
    for (const match of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!)
  }
  return anchors
}

/** The targets of a page's links (inline and reference definitions), with their line numbers. */
export function linksOf(text: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = []
  withoutCodeBlocks(text).forEach((rawLine, index) => {
    const line = rawLine.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length))
    const inline = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g
    for (const match of line.matchAll(inline)) links.push({ target: match[1]!, line: index + 1 })
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line)
    if (definition) links.push({ target: definition[1]!, line: index + 1 })
  })
  return links
}

export interface Page {
  /** Absolute path of the Markdown file. */
  path: string
  text: string
}

/**
 * What is wrong with a page's relative links: a target outside `root`, one that does not exist,
 * or an anchor the target page does not have. `readPage` reads another Markdown page by path.
 */
export function linkProblems(
  page: Page,
  root: string,
  exists: (path: string) => boolean,
  readPage: (path: string) => string,
): string[] {
  const problems: string[] = []
  const where = (line: number) => `${relative(root, page.path)}:${line}`
  for (const { target, line } of linksOf(page.text)) {
    // A scheme (https:, mailto:, data:) or a protocol-relative URL: not a file of the repository.
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue
    const hashAt = target.indexOf('#')
    const pathPart = decodeURIComponent(hashAt === -1 ? target : target.slice(0, hashAt))
    const anchor = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1))
    const resolved =
      pathPart === ''
        ? page.path
        : pathPart.startsWith('/')
          ? join(root, pathPart)
          : resolve(dirname(page.path), pathPart)
    if (resolved !== root && !resolved.startsWith(root.endsWith(sep) ? root : root + sep)) {
      problems.push(`${where(line)}: ${target} points outside the repository`)
      continue
    }
    if (!exists(resolved)) {
      problems.push(`${where(line)}: ${target} does not exist`)
      continue
    }
    if (anchor === undefined || anchor === '' || !resolved.endsWith('.md')) continue
    if (!anchorsOf(readPage(resolved)).has(anchor)) {
      problems.push(`${where(line)}: ${target} has no heading #${anchor}`)
    }
  }
  return problems
}

describe('the link checker', () => {
  const root = resolve('/repo')
  const pages = new Map<string, string>([
    [
      join(root, 'docs/guide.md'),
      '# Guide\n\n## Direct calls (`@atelier/local/client`)\n\n## Jobs, progress and cancel\n\n## Jobs, progress and cancel\n',
    ],
  ])
  const check = (text: string) =>
    linkProblems(
      { path: join(root, 'README.md'), text },
      root,
      (path) => pages.has(path) || path === join(root, 'README.md') || path === join(root, 'docs'),
      (path) => pages.get(path) ?? text,
    )

  it('accepts links to existing files, folders, headings and web pages', () => {
    expect(
      check(
        [
          '# Top',
          '[guide](docs/guide.md), [folder](docs/), [site](https://example.com/x.md#nope)',
          '[calls](docs/guide.md#direct-calls-atelierlocalclient) [top](#top)',
          '[second](docs/guide.md#jobs-progress-and-cancel-1)',
          '[ref]: ./docs/guide.md#guide',
          '`[not a link](missing.md)`',
          '```md',
          '[in a code block](missing.md)',
          '```',
        ].join('\n'),
      ),
    ).toEqual([])
  })

  it('reports a missing file, a target outside the repository and a missing heading', () => {
    expect(
      check(
        [
          '[gone](docs/gone.md)',
          '[seed](../shared/seeds/000.txt)',
          '[anchor](docs/guide.md#no-such-heading) [here](#nowhere)',
        ].join('\n'),
      ),
    ).toEqual([
      'README.md:1: docs/gone.md does not exist',
      'README.md:2: ../shared/seeds/000.txt points outside the repository',
      'README.md:3: docs/guide.md#no-such-heading has no heading #no-such-heading',
      'README.md:3: #nowhere has no heading #nowhere',
    ])
  })
})

it('every relative link in the repository Markdown leads to a file and heading inside it', () => {
  const root = resolve(repositoryRoot)
  const files = markdownFiles(root)
  expect(files.length).toBeGreaterThan(10)
  const problems = files.flatMap((path) =>
    linkProblems(
      { path, text: readFileSync(path, 'utf8') },
      root,
      (target) =>
        existsSync(target) && (statSync(target).isFile() || statSync(target).isDirectory()),
      (target) => readFileSync(target, 'utf8'),
    ),
  )
  expect(problems).toEqual([])
})
