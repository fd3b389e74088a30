/**
 * One command per task: its arguments and flags, and how they become the task's input. The
 * flags are named after the input fields they set (`--aspect-ratio` sets `aspectRatio`), so a
 * ValidationError naming a field names the flag too; `--input <json>` sets any field the flags
 * do not reach, provider options included.
 */
import { readFile } from 'node:fs/promises'
import type { MediaFile, TaskName, TaskOutput } from 'atelier'
import { InvalidArgumentError, Option } from 'commander'
import { UsageError } from './exit-codes'
import { mediaArgument } from './media'

type Flags = Record<string, unknown>

export interface TaskCommand {
  /** The command's name: `image`, `video`, ... */
  name: string
  task: TaskName
  summary: string
  /** Commander's argument syntax, e.g. `<prompt>` or `<image> [prompt]`. */
  args: string
  /** Fresh options each time: a command and its `submit` twin each get their own. */
  options(): Option[]
  /** The task input from the arguments and flags, without `model`. */
  input(args: string[], flags: Flags): Promise<Record<string, unknown>>
}

const whole = (value: string): number => {
  const number = Number(value)
  if (!Number.isInteger(number)) throw new InvalidArgumentError('must be a whole number')
  return number
}

const decimal = (value: string): number => {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new InvalidArgumentError('must be a number')
  }
  return number
}

const pixelSize = (value: string): { width: number; height: number } => {
  const match = /^(\d+)x(\d+)$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError('must look like 1024x768')
  return { width: Number(match[1]), height: Number(match[2]) }
}

const commaList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

const option = (flags: string, description: string, parse?: (value: string) => unknown) => {
  const made = new Option(flags, description)
  return parse ? made.argParser(parse) : made
}

const count = () => option('-n, --n <count>', 'how many outputs', whole)
const seed = () => option('--seed <seed>', 'seed, for reproducible output', whole)
const negativePrompt = () => option('--negative-prompt <text>', 'what to keep out')
const size = () => option('--size <WxH>', 'exact size in pixels, e.g. 1024x768', pixelSize)
const aspectRatio = () => option('--aspect-ratio <W:H>', 'aspect ratio, e.g. 16:9')
const audioFormat = () => option('--format <format>', 'audio format, e.g. mp3, wav')
const language = () => option('--language <code>', 'language code, e.g. en, de')

/** Keeps the fields that were given: an absent flag must not send `undefined` over a default. */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
}

async function media(value: unknown, flag: string) {
  return typeof value === 'string' ? mediaArgument(value, flag) : undefined
}

export const TASK_COMMANDS: readonly TaskCommand[] = [
  {
    name: 'image',
    task: 'image.generate',
    summary: 'generate images from a prompt',
    args: '<prompt>',
    options: () => [
      negativePrompt(),
      size(),
      aspectRatio(),
      count(),
      seed(),
      option('--steps <steps>', 'denoising steps', whole),
      option('--guidance <scale>', 'guidance scale', decimal),
      option('--format <format>', 'png, jpeg or webp'),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        negativePrompt: flags.negativePrompt,
        size: flags.size,
        aspectRatio: flags.aspectRatio,
        n: flags.n,
        seed: flags.seed,
        steps: flags.steps,
        guidanceScale: flags.guidance,
        outputFormat: flags.format,
      }),
  },
  {
    name: 'edit',
    task: 'image.edit',
    summary: 'edit an image: img2img, inpaint, expand, erase, backgrounds, upscale',
    args: '[prompt]',
    options: () => [
      option('-i, --image <file|url>', 'the picture to change').makeOptionMandatory(),
      option(
        '--operation <operation>',
        'edit, inpaint, expand, erase, remove-background, replace-background or upscale',
      ),
      option('--mask <file|url>', 'white = change, black = keep (inpaint, erase)'),
      option('--strength <0-1>', 'how far from the original (edit)', decimal),
      size(),
      option('--scale <factor>', 'upscale factor', decimal),
      negativePrompt(),
      count(),
      seed(),
      option('--steps <steps>', 'denoising steps', whole),
      option('--format <format>', 'png, jpeg or webp'),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        image: await media(flags.image, '--image'),
        operation: flags.operation,
        mask: await media(flags.mask, '--mask'),
        strength: flags.strength,
        size: flags.size,
        scale: flags.scale,
        negativePrompt: flags.negativePrompt,
        n: flags.n,
        seed: flags.seed,
        steps: flags.steps,
        outputFormat: flags.format,
      }),
  },
  {
    name: 'video',
    task: 'video.generate',
    summary: 'generate a video from a prompt, an image or a video',
    args: '[prompt]',
    options: () => [
      option('-i, --image <file|url>', 'first frame (image to video)'),
      option('--last-frame <file|url>', 'last frame'),
      option('--video <file|url>', 'source video (video to video)'),
      option('-d, --duration <seconds>', 'length in seconds', decimal),
      aspectRatio(),
      option('--resolution <res>', 'e.g. 720p'),
      size(),
      option('--fps <fps>', 'frames per second', whole),
      negativePrompt(),
      count(),
      seed(),
      option('--audio', 'generate an audio track, where the model can'),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        image: await media(flags.image, '--image'),
        lastFrame: await media(flags.lastFrame, '--last-frame'),
        video: await media(flags.video, '--video'),
        durationSeconds: flags.duration,
        aspectRatio: flags.aspectRatio,
        resolution: flags.resolution,
        size: flags.size,
        fps: flags.fps,
        negativePrompt: flags.negativePrompt,
        n: flags.n,
        seed: flags.seed,
        generateAudio: flags.audio,
      }),
  },
  {
    name: 'speech',
    task: 'speech.generate',
    summary: 'say a text (text to speech)',
    args: '<text>',
    options: () => [
      option('--voice <voice>', 'a voice id, preset or cloned actor'),
      option('--reference-audio <file|url>', 'a clip of the voice to clone'),
      option('--reference-text <text>', 'what the reference clip says'),
      option('--voice-description <text>', 'a described voice'),
      language(),
      option('--speed <factor>', 'speaking rate (1 = normal)', decimal),
      audioFormat(),
      seed(),
    ],
    input: async ([text], flags) =>
      defined({
        text,
        voice: flags.voice,
        referenceAudio: await media(flags.referenceAudio, '--reference-audio'),
        referenceText: flags.referenceText,
        voiceDescription: flags.voiceDescription,
        language: flags.language,
        speed: flags.speed,
        outputFormat: flags.format,
        seed: flags.seed,
      }),
  },
  {
    name: 'dialogue',
    task: 'dialogue.generate',
    summary: 'voice a dialogue: each turn "VOICE: text"',
    args: '<turns...>',
    options: () => [language(), audioFormat(), seed()],
    input: async ([...turns], flags) =>
      defined({
        turns: turns.map((turn) => {
          const match = /^([^:]+):\s*(.+)$/s.exec(turn)
          if (!match) throw new UsageError(`dialogue turn "${turn}" must look like "VOICE: text"`)
          return { voice: match[1]!.trim(), text: match[2]! }
        }),
        language: flags.language,
        outputFormat: flags.format,
        seed: flags.seed,
      }),
  },
  {
    name: 'sfx',
    task: 'soundEffect.generate',
    summary: 'generate a sound effect',
    args: '<prompt>',
    options: () => [
      option('-d, --duration <seconds>', 'length in seconds', decimal),
      option('--prompt-influence <0-1>', 'how literally to follow the prompt', decimal),
      option('--loop', 'loop seamlessly'),
      audioFormat(),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        durationSeconds: flags.duration,
        promptInfluence: flags.promptInfluence,
        loop: flags.loop,
        outputFormat: flags.format,
      }),
  },
  {
    name: 'music',
    task: 'music.generate',
    summary: 'generate music from a style prompt (and lyrics)',
    args: '<prompt>',
    options: () => [
      option('--lyrics <text>', 'words to sing'),
      option('--instrumental', 'no vocals'),
      option('-d, --duration <seconds>', 'length in seconds', decimal),
      option('--bpm <bpm>', 'beats per minute', whole),
      count(),
      seed(),
      audioFormat(),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        lyrics: flags.lyrics,
        instrumental: flags.instrumental,
        durationSeconds: flags.duration,
        bpm: flags.bpm,
        n: flags.n,
        seed: flags.seed,
        outputFormat: flags.format,
      }),
  },
  {
    name: 'transcribe',
    task: 'transcription.create',
    summary: 'transcribe a recording (speech to text)',
    args: '<audio>',
    options: () => [
      language(),
      option('--diarize', 'label who speaks when'),
      option('--speakers <count>', 'expected number of speakers', whole),
      option('--timestamps <detail>', 'none, segment or word'),
    ],
    input: async ([audio], flags) =>
      defined({
        audio: await media(audio, 'audio'),
        language: flags.language,
        diarize: flags.diarize,
        speakers: flags.speakers,
        timestamps: flags.timestamps,
      }),
  },
  {
    name: 'vision',
    task: 'vision.analyze',
    summary: 'ask about an image, caption it, read its text or extract fields',
    args: '<image> [prompt]',
    options: () => [
      option('--mode <mode>', 'question, caption, ocr or extract'),
      option('--schema <file|json>', 'JSON Schema of the fields to extract'),
      option('--domain <domain>', 'a provider domain, e.g. document.invoice'),
      option('--max-tokens <count>', 'longest answer', whole),
      option('--temperature <t>', 'sampling temperature', decimal),
    ],
    input: async ([image, prompt], flags) =>
      defined({
        image: await media(image, 'image'),
        prompt,
        mode: flags.mode,
        schema:
          typeof flags.schema === 'string'
            ? await jsonArgument(flags.schema, '--schema')
            : undefined,
        domain: flags.domain,
        maxTokens: flags.maxTokens,
        temperature: flags.temperature,
      }),
  },
  {
    name: 'detect',
    task: 'vision.detect',
    summary: 'find objects, labels, faces or web matches in an image',
    args: '<image>',
    options: () => [
      option('--mode <mode>', 'objects, zero-shot, faces or web').default('objects'),
      option('--labels <a,b,...>', 'labels to look for (zero-shot)', commaList),
      option('--threshold <0-1>', 'drop detections scoring below this', decimal),
      option('--max-results <count>', 'most detections', whole),
    ],
    input: async ([image], flags) =>
      defined({
        image: await media(image, 'image'),
        mode: flags.mode,
        labels: flags.labels,
        threshold: flags.threshold,
        maxResults: flags.maxResults,
      }),
  },
  {
    name: 'enhance',
    task: 'prompt.enhance',
    summary: 'improve a prompt',
    args: '<prompt>',
    options: () => [option('--target <target>', 'image, video or text')],
    input: async ([prompt], flags) => defined({ prompt, target: flags.target }),
  },
  {
    name: 'text',
    task: 'text.generate',
    summary: 'ask a language model; the reply streams to stdout',
    args: '<prompt>',
    options: () => [
      option('--system <text>', 'a system instruction'),
      option('--temperature <t>', 'sampling temperature', decimal),
      option('--max-tokens <count>', 'longest reply', whole),
      option('--thinking', 'let a reasoning model think first (its thinking goes to stderr)'),
      option('--json-mode', 'ask for a JSON object as the answer'),
    ],
    input: async ([prompt], flags) =>
      defined({
        prompt,
        system: flags.system,
        temperature: flags.temperature,
        maxTokens: flags.maxTokens,
        thinking: flags.thinking,
        responseFormat: flags.jsonMode ? 'json' : undefined,
      }),
  },
]

/** The command of a task name or command name (`video` or `video.generate`). */
export function taskCommand(name: string): TaskCommand | undefined {
  return TASK_COMMANDS.find((command) => command.name === name || command.task === name)
}

/** `--input`/`--schema`: inline JSON, or a file holding it. */
export async function jsonArgument(value: string, flag: string): Promise<unknown> {
  const text = value.trim().startsWith('{') ? value : await readText(value, flag)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${flag}: not JSON: ${(error as Error).message}`)
  }
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch {
    throw new UsageError(`${flag} ${path}: no such file (give JSON or a file holding it)`)
  }
}

/** What a finished job produced: files to save, text to print, and the rest for `--json`. */
export interface JobResult {
  files: MediaFile[]
  /** The answer of a text task (transcript, caption, enhanced prompt, reply). */
  text?: string
  /** Everything else worth a script's while: seeds, detections, segments, warnings, usage. */
  details: Record<string, unknown>
}

export function resultOf(task: TaskName, output: TaskOutput<TaskName>): JobResult {
  const {
    warnings,
    usage,
    providerMetadata: _metadata,
    ...fields
  } = output as unknown as Record<string, unknown>
  const files: MediaFile[] = []
  const details: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    const list = Array.isArray(value) ? value : [value]
    // Media fields hold MediaFiles (one, or a list); thumbnails and reference images are extras.
    if (list.length > 0 && list.every(isMediaFile)) {
      if (key !== 'thumbnails' && key !== 'referenceImages') files.push(...list)
    } else {
      details[key] = value
    }
  }
  const text =
    task === 'vision.detect'
      ? undefined
      : typeof fields.text === 'string'
        ? fields.text
        : typeof fields.prompt === 'string'
          ? fields.prompt
          : undefined
  if (text !== undefined) {
    delete details.text
    if (task === 'prompt.enhance') delete details.prompt
  }
  if (Array.isArray(warnings) && warnings.length > 0) details.warnings = warnings
  if (usage !== undefined) details.usage = usage
  return { files, ...(text !== undefined ? { text } : {}), details }
}

function isMediaFile(value: unknown): value is MediaFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MediaFile).stream === 'function' &&
    typeof (value as MediaFile).mediaType === 'string'
  )
}
