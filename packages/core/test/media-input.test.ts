import { MediaFile } from '@atelier/core'
import { imageDataUri, isPrivateUrl, sniffImageType } from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'

describe('isPrivateUrl', () => {
  it.each([
    'http://localhost:4201/a.png',
    'http://studio.localhost/a.png',
    'http://printer.local/a.png',
    'http://127.0.0.1/a.png',
    'http://10.1.2.3/a.png',
    'http://172.16.0.1/a.png',
    'http://172.31.255.1/a.png',
    'http://192.168.1.10/a.png',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/a.png',
    'http://[::1]/a.png',
    'http://[fd00::1]/a.png',
    'http://[fe80::1]/a.png',
    'not a url',
  ])('%s cannot be fetched by a cloud service', (url) => {
    expect(isPrivateUrl(url)).toBe(true)
  })

  it.each([
    'https://cdn.example.com/a.png',
    'http://172.32.0.1/a.png',
    'http://8.8.8.8/a.png',
    'http://[2001:db8::1]/a.png',
  ])('%s is public', (url) => {
    expect(isPrivateUrl(url)).toBe(false)
  })
})

describe('sniffImageType and imageDataUri', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0])
  const gif = new TextEncoder().encode('GIF89a')
  const webp = new TextEncoder().encode('RIFF\0\0\0\0WEBP')

  it('recognises PNG, JPEG, GIF and WebP from their first bytes, and nothing else', () => {
    expect(sniffImageType(png)).toBe('image/png')
    expect(sniffImageType(jpeg)).toBe('image/jpeg')
    expect(sniffImageType(gif)).toBe('image/gif')
    expect(sniffImageType(webp)).toBe('image/webp')
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WAVE'))).toBeUndefined()
    expect(sniffImageType(new Uint8Array())).toBeUndefined()
  })

  it('inlines the bytes with the sniffed type, else the file type', async () => {
    const labelledWrong = MediaFile.fromBytes(jpeg, { mediaType: 'image/png' })
    expect(await imageDataUri(labelledWrong, undefined)).toBe('data:image/jpeg;base64,/9j/4A==')
    const unknown = MediaFile.fromBytes(new Uint8Array([1, 2, 3]), { mediaType: 'image/avif' })
    expect(await imageDataUri(unknown, undefined)).toBe('data:image/avif;base64,AQID')
  })
})
