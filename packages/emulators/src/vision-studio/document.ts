/**
 * The Vision Studio API document (seed 003_78eca410c9a19eeb.txt) as the emulator reads it: generated from
 * the document by packages/emulators/scripts/extract-vision-studio.ts. Do not edit; run
 * `node scripts/pnpm.mjs exec tsx packages/emulators/scripts/extract-vision-studio.ts`.
 */
import type { DocumentEndpoint, JsonSchema } from './document-types'

/** Every endpoint of the document, in its order. */
export const DOCUMENT_ENDPOINTS: readonly DocumentEndpoint[] = [
  {
    method: 'POST',
    path: '/api/v1/prompt/enhance-prompt',
    tag: 'Prompt Enhancement',
    title: 'Enhance Prompt',
    summary:
      'Enhance an existing prompt to create more beautiful and professional image generation results.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/prompt/adapt-background-prompt',
    tag: 'Prompt Enhancement',
    title: 'Prompt Background Adapt',
    summary:
      'Generate a prompt to adapt an existing background image for specific audience and location.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          audience: {
            type: 'string',
            minLength: 1,
          },
          location: {
            type: 'string',
            minLength: 1,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['audience', 'location'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/prompt/generate-background-prompt',
    tag: 'Prompt Enhancement',
    title: 'Prompt Generate Background',
    summary:
      'Generate a prompt to create a background image from scratch for specific audience and location.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          audience: {
            type: 'string',
            minLength: 1,
          },
          location: {
            type: 'string',
            minLength: 1,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['audience', 'location'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/prompt/generate-image-prompt',
    tag: 'Prompt Enhancement',
    title: 'Prompt Generate Image Creation',
    summary:
      'Generate a prompt for image creation from scratch for specific audience and location.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          audience: {
            type: 'string',
            minLength: 1,
          },
          location: {
            type: 'string',
            minLength: 1,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['audience', 'location'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/prompt/adapt-subject-prompt',
    tag: 'Prompt Enhancement',
    title: 'Prompt Adapt Subject',
    summary:
      'Generate a prompt for a custom model based on subject, target audience, and location.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          subject: {
            type: 'string',
            minLength: 1,
          },
          audience: {
            type: 'string',
            minLength: 1,
          },
          location: {
            type: 'string',
            minLength: 1,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['subject', 'audience', 'location'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/prompt/generate-subject-pose-prompt',
    tag: 'Prompt Enhancement',
    title: 'Prompt Generate Subject Pose',
    summary:
      'Generate a detailed image generation prompt for a subject in a specific pose and viewshot.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          subject: {
            type: 'string',
            minLength: 1,
          },
          temperature: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 0.7,
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
        },
        type: 'object',
        required: ['subject'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/prompt/enhance-prompt',
    tag: 'Prompt Enhancement',
    title: 'Bria Enhance Prompt',
    summary: 'Enhance a prompt using LLama 3.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated prompt.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/caption/image',
    tag: 'Media Captioning',
    title: 'Caption Image',
    summary: 'Generate a caption for an image from a URL.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated caption and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          mode: {
            $ref: '#/components/schemas/ImageCaptionMode',
            default: 'simple',
          },
          model_provider: {
            $ref: '#/components/schemas/LlmProvider',
            default: 'openai',
          },
          nbr_tags: {
            type: 'integer',
            maximum: 20,
            minimum: 1,
            default: 5,
          },
          possible_tags: {
            anyOf: [
              {
                items: {
                  type: 'string',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['image_url', 'possible_tags'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/caption/video',
    tag: 'Media Captioning',
    title: 'Caption Video',
    summary: 'Generate a caption or a list of tags for a video using Google Gemini.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated caption and metadata.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          video_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          mode: {
            $ref: '#/components/schemas/VideoCaptionMode',
            default: 'simple',
          },
          nbr_tags: {
            type: 'integer',
            maximum: 20,
            minimum: 1,
            default: 5,
          },
        },
        type: 'object',
        required: ['video_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Bria Generate Image',
    summary: "Generate high-quality images using BRIA's base model.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            enum: ['2.3', '3.2'],
            default: '3.2',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 50,
            minimum: 20,
            default: 30,
          },
          text_guidance_scale: {
            type: 'number',
            maximum: 10,
            minimum: 1,
            default: 5,
          },
          prompt_enhancement: {
            type: 'boolean',
            default: false,
          },
          enhance_image: {
            type: 'boolean',
            default: false,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          medium: {
            anyOf: [
              {
                type: 'string',
                enum: ['photography', 'art'],
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/ImagePromptMode',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-image-fast',
    tag: 'Image Generation',
    title: 'Bria Generate Image Fast',
    summary: "Generate images quickly using BRIA's fast model.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            const: '2.3',
            default: '2.3',
          },
          prompt: {
            type: 'string',
            minLength: 3,
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 10,
            minimum: 4,
            default: 8,
          },
          prompt_enhancement: {
            type: 'boolean',
            default: false,
          },
          enhance_image: {
            type: 'boolean',
            default: false,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          medium: {
            anyOf: [
              {
                type: 'string',
                enum: ['photography', 'art'],
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/ImagePromptMode',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-image-hd',
    tag: 'Image Generation',
    title: 'Bria Generate Image Hd',
    summary: "Generate high-resolution images using BRIA's HD model.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            const: '2.2',
            default: '2.2',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 50,
            minimum: 20,
            default: 30,
          },
          text_guidance_scale: {
            type: 'number',
            maximum: 10,
            minimum: 1,
            default: 5,
          },
          prompt_enhancement: {
            type: 'boolean',
            default: false,
          },
          enhance_image: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          medium: {
            anyOf: [
              {
                type: 'string',
                enum: ['photography', 'art'],
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-vector-base',
    tag: 'Image Generation',
    title: 'Bria Generate Vector Base',
    summary:
      "Generate high-quality vector graphics using BRIA's base model (Beta). This endpoint provides vector graphic generation that is highly customizable and supports various guidance methods.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            enum: ['2.3', '3.2'],
            default: '3.2',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 50,
            minimum: 20,
            default: 30,
          },
          text_guidance_scale: {
            type: 'number',
            maximum: 10,
            minimum: 1,
            default: 5,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/ImagePromptMode',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-vector-fast',
    tag: 'Image Generation',
    title: 'Bria Vector Generation Fast',
    summary:
      "Generate vector graphics quickly using BRIA's fast model (Beta). This endpoint provides rapid vector graphic generation without compromising quality. Supports the same guidance methods as the base model for enhanced control.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            const: '2.3',
            default: '2.3',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 10,
            minimum: 4,
            default: 8,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/ImagePromptMode',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/generation/generate-variation',
    tag: 'Image Generation',
    title: 'Bria Generate Variation',
    summary:
      "Guides image generation using both prompts and a reference image, maintaining the original structure while applying new styles. This method allows for controlled image generation by using an input image's structure and depth as a reference, while incorporating new materials, colors, and textures based on the provided prompt.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 4,
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          fast: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            type: 'integer',
            maximum: 50,
            minimum: 20,
            default: 30,
          },
          ref_image_influence: {
            type: 'number',
            maximum: 1,
            minimum: 0,
            default: 0.75,
          },
          include_generation_prefix: {
            type: 'boolean',
            default: true,
          },
          enhance_image: {
            type: 'boolean',
            default: false,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          ip_signal: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          tailored_model_id: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          tailored_model_influence: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Generate Images',
    summary: 'Generate images using a specified model.',
    params: [],
    returns:
      'Returns: - JSONResponse: Response containing the generated images or an error message',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          model_id: {
            type: 'string',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          fast: {
            type: 'boolean',
            default: false,
          },
          steps_num: {
            anyOf: [
              {
                type: 'integer',
                maximum: 50,
                minimum: 4,
              },
              {
                type: 'null',
              },
            ],
          },
          model_influence: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          include_generation_prefix: {
            type: 'boolean',
            default: true,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['model_id', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/image/generation/generate-vector',
    tag: 'Image Generation',
    title: 'Generate Vector',
    summary: 'Generate a vector using a specified model.',
    params: [],
    returns:
      'Returns: - JSONResponse: Response containing the generated vector or an error message',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          bria_model_version: {
            type: 'string',
            enum: ['2.3', '3.2'],
            default: '3.2',
          },
          model_id: {
            type: 'string',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          steps_num: {
            anyOf: [
              {
                type: 'integer',
                maximum: 50,
                minimum: 20,
              },
              {
                type: 'null',
              },
            ],
          },
          text_guidance_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 10,
                minimum: 1,
              },
              {
                type: 'null',
              },
            ],
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          content_moderation: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          model_influence: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          include_generation_prefix: {
            type: 'boolean',
            default: true,
          },
          guidance_method_1: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_1_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2: {
            anyOf: [
              {
                $ref: '#/components/schemas/ControlnetType',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          guidance_method_2_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/ImagePromptMode',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          image_prompt_scale: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['model_id', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Imagen Generate Image With Prompt',
    summary: 'Generate images using Vertex AI Imagen.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          model_name: {
            anyOf: [
              {
                $ref: '#/components/schemas/ModelName',
              },
              {
                type: 'null',
              },
            ],
            default: 'imagen-4.0-fast-generate-preview-06-06',
          },
          prompt: {
            type: 'string',
            minLength: 3,
            default: 'A beautiful sunset over mountains',
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '9:16', '16:9', '3:4', '4:3'],
            default: '1:1',
          },
          number_of_images: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          use_fast_model: {
            type: 'boolean',
            default: true,
          },
          add_watermark: {
            type: 'boolean',
            default: false,
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/generation/generate-with-image-guidance',
    tag: 'Image Generation',
    title: 'Imagen Generate With Image',
    summary: 'Generate images with image guidance (style or subject).',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          guidance_type: {
            type: 'string',
            enum: ['style', 'subject'],
          },
          ref_image_1_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          ref_image_1_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 20,
              },
              {
                type: 'null',
              },
            ],
          },
          ref_image_2_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          ref_image_2_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 20,
              },
              {
                type: 'null',
              },
            ],
          },
          subject_type: {
            anyOf: [
              {
                $ref: '#/components/schemas/SubjectReferenceType',
              },
              {
                type: 'null',
              },
            ],
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 3,
              },
              {
                type: 'null',
              },
            ],
          },
          aspect_ratio: {
            anyOf: [
              {
                type: 'string',
                enum: ['1:1', '9:16', '16:9', '3:4', '4:3'],
              },
              {
                type: 'null',
              },
            ],
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
        required: ['guidance_type', 'ref_image_1_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/generation/generate-variation',
    tag: 'Image Generation',
    title: 'Imagen Generate Variation',
    summary: 'Apply controlled editing to an image.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 3,
              },
              {
                type: 'null',
              },
            ],
          },
          control_type: {
            $ref: '#/components/schemas/ControlReferenceType',
            default: 'CONTROL_TYPE_CANNY',
          },
          number_of_images: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          aspect_ratio: {
            anyOf: [
              {
                type: 'string',
                enum: ['1:1', '9:16', '16:9', '3:4', '4:3'],
              },
              {
                type: 'null',
              },
            ],
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
        required: ['image_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/generation/gemini-generate-image',
    tag: 'Image Generation',
    title: 'Gemini Generate Image',
    summary: 'Generate images using Gemini 2.0 Flash with optional input images for composition.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing generated image URLs and optional text content.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          image_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_method: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockMethod',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_category: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmCategory',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_threshold: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockThreshold',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/generation/generate-image-sequence',
    tag: 'Image Generation',
    title: 'Gemini Generate Image Sequence',
    summary: 'Generate interleaved text and images using Gemini 2.0 Flash.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing both text content and generated image URLs in sequence.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          safety_method: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockMethod',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_category: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmCategory',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_threshold: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockThreshold',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/openai/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Gpt Generate Image',
    summary: 'Generate an image using GPT Image API.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          number_of_images: {
            type: 'integer',
            maximum: 10,
            minimum: 1,
            default: 1,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2'],
            default: '1:1',
          },
          quality: {
            $ref: '#/components/schemas/GPTImageQuality',
            default: 'auto',
          },
          background: {
            $ref: '#/components/schemas/GPTImageBackground',
            default: 'auto',
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Generate Images Async',
    summary: '',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          x_model_version: {
            $ref: '#/components/schemas/CustomModel',
          },
          prompt: {
            type: 'string',
          },
          content_class: {
            $ref: '#/components/schemas/ContentClass',
            default: 'photo',
          },
          custom_model_id: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          prompt_biasing_locale_code: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          seeds: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          size: {
            $ref: '#/components/schemas/SizeImagesAsyncModel',
            default: {
              height: 2048,
              width: 2048,
            },
          },
          structure: {
            anyOf: [
              {
                $ref: '#/components/schemas/StructureModel',
              },
              {
                type: 'null',
              },
            ],
          },
          style: {
            anyOf: [
              {
                $ref: '#/components/schemas/StyleModel',
              },
              {
                type: 'null',
              },
            ],
          },
          visual_intensity: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          upsampler_type: {
            type: 'string',
            default: 'default',
          },
        },
        type: 'object',
        required: ['x_model_version', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/image/generation/generate-variation',
    tag: 'Image Generation',
    title: 'Generate Similar Images Async',
    summary: '',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          x_model_version: {
            $ref: '#/components/schemas/CustomModel',
          },
          image: {
            $ref: '#/components/schemas/ImageReferenceModel',
          },
          seeds: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['x_model_version', 'image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/image/generation/generate-image',
    tag: 'Image Generation',
    title: 'Generate Image',
    summary: 'Generate an image from a text prompt or using reference images.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            maxLength: 1000,
            minLength: 1,
          },
          aspect_ratio: {
            $ref: '#/components/schemas/ImageAspectRatio',
            default: '1920:1080',
          },
          model: {
            type: 'string',
            enum: ['gen4_image', 'gen4_image_turbo'],
            default: 'gen4_image',
          },
          reference_images_url: {
            anyOf: [
              {
                items: {
                  $ref: '#/components/schemas/ReferenceImage',
                },
                type: 'array',
                maxItems: 3,
              },
              {
                type: 'null',
              },
            ],
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
                maximum: 4294967295,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          content_moderation: {
            anyOf: [
              {
                $ref: '#/components/schemas/ContentModeration',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing/get-masks',
    tag: 'Image Editing',
    title: 'Bria Get Masks',
    summary:
      'Generate segmentation masks for an image. Creates segmentation masks that identify different objects within the image. The result url contains a zip file with k mask files in the zip.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing/remove-background',
    tag: 'Image Editing',
    title: 'Bria Remove Background',
    summary: "Remove background from an image using Bria's RMBG 2.0 model.",
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing/product-cutout',
    tag: 'Image Editing',
    title: 'Bria Product Cutout',
    summary: 'Create a precise cutout of a product from any given image.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          force_rmbg: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing/crop-foreground',
    tag: 'Image Editing',
    title: 'Bria Crop Foreground',
    summary: 'Crop the foreground from an image.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          padding: {
            type: 'integer',
            minimum: 0,
            default: 0,
          },
          force_background_detection: {
            type: 'boolean',
            default: false,
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/erase',
    tag: 'Image Editing Generation',
    title: 'Bria Erase',
    summary: 'Erase objects from an image using mask guidance.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          mask: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          mask_type: {
            $ref: '#/components/schemas/MaskType',
            default: 'manual',
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image', 'mask'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/erase-foreground',
    tag: 'Image Editing Generation',
    title: 'Bria Erase Foreground',
    summary: 'Erase foreground from an image.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/inpaint',
    tag: 'Image Editing Generation',
    title: 'Bria Inpainting',
    summary:
      'Generate objects by prompt in a specific masked region (gen_fill). Supports custom border_only mask generation for backward compatibility.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          mask: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          mask_type: {
            $ref: '#/components/schemas/MaskType',
            default: 'manual',
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: true,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
          border_percentage: {
            anyOf: [
              {
                type: 'number',
                maximum: 0.3,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['image', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/expand-image',
    tag: 'Image Editing Generation',
    title: 'Bria Expand Image',
    summary: 'Expand an image to a specified canvas size with flexible positioning options.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the expanded image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          canvas_size: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          aspect_ratio: {
            anyOf: [
              {
                type: 'string',
                enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
              },
              {
                type: 'null',
              },
            ],
          },
          position: {
            anyOf: [
              {
                $ref: '#/components/schemas/ManualPlacement',
              },
              {
                type: 'null',
              },
            ],
          },
          padding_left: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_right: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_top: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_bottom: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 4,
              },
              {
                type: 'null',
              },
            ],
            default: '',
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: false,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/blur-background',
    tag: 'Image Editing Generation',
    title: 'Bria Blur Background',
    summary:
      'Blur the background of an image . Automatically detects and blurs the background while keeping the foreground subjects in focus.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          scale: {
            type: 'integer',
            maximum: 5,
            minimum: 1,
            default: 5,
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/generate-solid-background',
    tag: 'Image Editing Generation',
    title: 'Bria Generate Solid Background',
    summary:
      'Creates a professional packshot of a product with consistent size and positioning. The output is a 2000x2000 px image, with the product size and location according to best practices.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          background_color: {
            type: 'string',
            default: '#FFFFFF',
          },
          force_rmbg: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/generate-background',
    tag: 'Image Editing Generation',
    title: 'Bria Generate Background',
    summary:
      'Replace image background (replace_background). Places foreground subjects on new backgrounds generated based on a reference image or text prompt.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          ref_images: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          enhance_ref_images: {
            type: 'boolean',
            default: true,
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 4,
              },
              {
                type: 'null',
              },
            ],
          },
          refine_prompt: {
            type: 'boolean',
            default: true,
          },
          prompt_content_moderation: {
            type: 'boolean',
            default: true,
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          original_quality: {
            type: 'boolean',
            default: false,
          },
          force_background_detection: {
            type: 'boolean',
            default: false,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          fast: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/generate-product-shadow',
    tag: 'Image Editing Generation',
    title: 'Bria Generate Product Shadow',
    summary:
      'Creates a shadow effect for a product image with a transparent background. Note: Input image must have transparent background. Use product cutout endpoint first if needed.',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          shadow_type: {
            anyOf: [
              {
                type: 'string',
                enum: ['regular', 'float'],
              },
              {
                type: 'null',
              },
            ],
            default: 'regular',
          },
          shadow_color: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
            default: '#000000',
          },
          shadow_intensity: {
            anyOf: [
              {
                type: 'integer',
                maximum: 100,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
            default: 60,
          },
          shadow_offset: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
            default: [0, 15],
          },
          shadow_blur: {
            anyOf: [
              {
                type: 'integer',
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          shadow_width: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          shadow_height: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          background_color: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          force_rmbg: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/generate-product-background-by-text',
    tag: 'Image Editing Generation',
    title: 'Bria Generate Product Background By Text',
    summary:
      'Creates enriched product shots by placing them in various environments using textual descriptions. Additionally, you can change the image size of the final result as well as the positioning of the product in the image. Uses BRIA 2.3 ControlNet BG-Gen.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          scene_description: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          fast: {
            type: 'boolean',
            default: true,
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          optimize_description: {
            type: 'boolean',
            default: false,
          },
          original_quality: {
            type: 'boolean',
            default: false,
          },
          force_rmbg: {
            type: 'boolean',
            default: false,
          },
          placement_type: {
            $ref: '#/components/schemas/PlacementType',
            default: 'original',
          },
          manual_placement_selection: {
            $ref: '#/components/schemas/ManualPlacement',
            default: 'center_horizontal',
          },
          padding_values: {
            prefixItems: [
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
            ],
            type: 'array',
            maxItems: 4,
            minItems: 4,
            default: [0, 0, 0, 0],
          },
          exclude_elements: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          canvas_for_packshot_size: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          foreground_image_size: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          foreground_image_location: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['scene_description'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/generate-product-background-by-image',
    tag: 'Image Editing Generation',
    title: 'Bria Generate Product Background By Image',
    summary:
      'Creates enriched product shots by placing them in various environments using reference images. Additionally, you can change the image size of the final result as well as the positioning of the product in the image. Uses BRIA 2.3 ControlNet BG-Gen.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2', '3:4', '4:3', '16:9', '9:16', '4:5', '5:4'],
            default: '1:1',
          },
          num_results: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          ref_image_urls: {
            anyOf: [
              {
                items: {
                  type: 'string',
                  minLength: 1,
                  format: 'uri',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          ref_image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          sync: {
            type: 'boolean',
            default: true,
          },
          enhance_ref_image: {
            type: 'boolean',
            default: true,
          },
          ref_image_influence: {
            type: 'number',
            maximum: 2,
            minimum: 0,
            default: 1,
          },
          original_quality: {
            type: 'boolean',
            default: false,
          },
          force_rmbg: {
            type: 'boolean',
            default: false,
          },
          placement_type: {
            $ref: '#/components/schemas/PlacementType',
            default: 'original',
          },
          manual_placement_selection: {
            $ref: '#/components/schemas/ManualPlacement',
            default: 'center_horizontal',
          },
          padding_values: {
            prefixItems: [
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
              {
                type: 'integer',
              },
            ],
            type: 'array',
            maxItems: 4,
            minItems: 4,
            default: [0, 0, 0, 0],
          },
          canvas_for_packshot_size: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          foreground_image_size: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          foreground_image_location: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/enhance-image',
    tag: 'Image Editing Generation',
    title: 'Bria Enhance Image',
    summary:
      'Enhance an image by improving visual quality, generating richer details, and sharper textures.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the enhanced image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          steps_num: {
            anyOf: [
              {
                type: 'integer',
                maximum: 50,
                minimum: 10,
              },
              {
                type: 'null',
              },
            ],
            default: 20,
          },
          resolution: {
            $ref: '#/components/schemas/EnhanceResolution',
            default: '1MP',
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/image/editing-generation/upscale-image',
    tag: 'Image Editing Generation',
    title: 'Bria Upscale Image',
    summary:
      'Increases the resolution of an image by a factor of 2 or 4. The input image should be less than 2 megapixels. Maximum output resolution: 8192x8192 pixels.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URL.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'string',
              },
            ],
          },
          preserve_alpha: {
            type: 'boolean',
            default: true,
          },
          desired_increase: {
            type: 'integer',
            enum: [2, 4],
            default: 2,
          },
          sync: {
            type: 'boolean',
            default: false,
          },
          visual_input_content_moderation: {
            type: 'boolean',
            default: false,
          },
          visual_output_content_moderation: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/editing-generation/inpaint',
    tag: 'Image Editing Generation',
    title: 'Imagen Inpainting',
    summary: 'Perform inpainting operations (insert or remove content from an image).',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          operation_type: {
            type: 'string',
            enum: ['insert', 'remove'],
          },
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 3,
              },
              {
                type: 'null',
              },
            ],
          },
          mask_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/MaskReferenceMode',
              },
              {
                type: 'null',
              },
            ],
          },
          mask_dilation: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
            default: 0.1,
          },
          removal_mode: {
            anyOf: [
              {
                $ref: '#/components/schemas/RemovalMode',
              },
              {
                type: 'null',
              },
            ],
            default: 'prompt',
          },
          segmentation_classes: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
        required: ['operation_type', 'image_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/editing-generation/expand-image',
    tag: 'Image Editing Generation',
    title: 'Imagen Expand Image',
    summary:
      'Expand an image by adding content around the edges (outpainting) using Google Imagen.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          prompt: {
            type: 'string',
            minLength: 3,
          },
          target_width: {
            type: 'integer',
            maximum: 4000,
            minimum: 500,
            default: 2500,
          },
          target_height: {
            type: 'integer',
            maximum: 4000,
            minimum: 500,
            default: 2500,
          },
          number_of_images: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          mask_dilation: {
            type: 'number',
            maximum: 1,
            minimum: 0,
            default: 0.03,
          },
          position: {
            anyOf: [
              {
                $ref: '#/components/schemas/ManualPlacement',
              },
              {
                type: 'null',
              },
            ],
          },
          padding_left: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_right: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_top: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          padding_bottom: {
            anyOf: [
              {
                type: 'number',
                maximum: 1,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
        required: ['image_url', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/editing-generation/generate-background',
    tag: 'Image Editing Generation',
    title: 'Imagen Generate Background',
    summary: 'Generate a new background for an image while preserving the foreground.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          prompt: {
            type: 'string',
            minLength: 3,
          },
          number_of_images: {
            type: 'integer',
            maximum: 4,
            minimum: 1,
            default: 1,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_filter_level: {
            $ref: '#/components/schemas/SafetyFilterLevel',
            default: 'BLOCK_MEDIUM_AND_ABOVE',
          },
          person_generation: {
            $ref: '#/components/schemas/google__genai__types__PersonGeneration',
            default: 'ALLOW_ALL',
          },
        },
        type: 'object',
        required: ['image_url', 'prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/image/editing-generation/edit-image',
    tag: 'Image Editing Generation',
    title: 'Gemini Edit Image',
    summary: 'Edit images using text prompts with Gemini 2.0 Flash.',
    params: [],
    returns:
      'Returns: - Json response with success status and the result containing edited image URLs. For multi-turn editing, returns URLs for each step in the editing sequence.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          edit_prompt: {
            anyOf: [
              {
                type: 'string',
                minLength: 3,
              },
              {
                type: 'null',
              },
            ],
          },
          edit_steps: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_method: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockMethod',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_category: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmCategory',
              },
              {
                type: 'null',
              },
            ],
          },
          safety_threshold: {
            anyOf: [
              {
                $ref: '#/components/schemas/HarmBlockThreshold',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['image_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/openai/image/editing-generation/edit-image',
    tag: 'Image Editing Generation',
    title: 'Gpt Generate Edit',
    summary: 'Generate an edit for an image using GPT Image API.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the edited image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          image_url: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          number_of_images: {
            type: 'integer',
            maximum: 10,
            minimum: 1,
            default: 1,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1:1', '2:3', '3:2'],
            default: '1:1',
          },
        },
        type: 'object',
        required: ['prompt', 'image_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/openai/image/editing-generation/inpaint',
    tag: 'Image Editing Generation',
    title: 'Gpt Image Inpainting',
    summary:
      'Edit an image using a mask with GPT Image API. You can provide a mask to indicate where the image should be edited. The transparent areas of the mask will be replaced, while the filled areas will be left unchanged.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            minLength: 3,
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          mask_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          mask_file: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          inpaint_border_only: {
            type: 'boolean',
            default: false,
          },
          border_percentage: {
            type: 'number',
            maximum: 0.5,
            minimum: 0.01,
            default: 0.05,
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/image/editing-generation/generate-product-background',
    tag: 'Image Editing Generation',
    title: 'Generate Object Composite Async',
    summary: '',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
          },
          image: {
            $ref: '#/components/schemas/ImageReferenceModel',
          },
          mask: {
            $ref: '#/components/schemas/ImageReferenceModel',
          },
          content_class: {
            $ref: '#/components/schemas/ContentClass',
            default: 'photo',
          },
          placement: {
            $ref: '#/components/schemas/PlacementModel',
            default: {
              alignment: {
                horizontal: 'center',
                vertical: 'center',
              },
              insert: {
                bottom: 0,
                center: 0,
                left: 0,
                right: 0,
                top: 0,
              },
            },
          },
          seeds: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          size: {
            $ref: '#/components/schemas/SizeImagesAsyncModel',
            default: {
              height: 2048,
              width: 2048,
            },
          },
          style: {
            anyOf: [
              {
                $ref: '#/components/schemas/StyleModel',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt', 'image', 'mask'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/image/editing-generation/expand-image',
    tag: 'Image Editing Generation',
    title: 'Expand Image Async',
    summary: '',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            $ref: '#/components/schemas/ImageReferenceModel',
          },
          mask: {
            $ref: '#/components/schemas/MaskModel',
          },
          placement: {
            $ref: '#/components/schemas/PlacementModel',
            default: {
              alignment: {
                horizontal: 'center',
                vertical: 'center',
              },
              insert: {
                bottom: 0,
                center: 0,
                left: 0,
                right: 0,
                top: 0,
              },
            },
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          seeds: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          size: {
            $ref: '#/components/schemas/SizeImagesAsyncModel',
            default: {
              height: 2048,
              width: 2048,
            },
          },
        },
        type: 'object',
        required: ['image', 'mask'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/image/editing-generation/inpaint',
    tag: 'Image Editing Generation',
    title: 'Fill Image Async',
    summary: '',
    params: [],
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image: {
            $ref: '#/components/schemas/ImageReferenceModel',
          },
          mask: {
            $ref: '#/components/schemas/MaskModel',
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          prompt_biasing_locale_code: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          seeds: {
            anyOf: [
              {
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              {
                type: 'null',
              },
            ],
          },
          size: {
            $ref: '#/components/schemas/SizeImagesAsyncModel',
            default: {
              height: 2048,
              width: 2048,
            },
          },
        },
        type: 'object',
        required: ['image', 'mask'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/bria/video/editing/remove-background',
    tag: 'Video Editing',
    title: 'Bria Video Remove Background',
    summary: 'Remove background from a video.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          video: {
            type: 'string',
            minLength: 1,
            format: 'uri',
          },
          background_color: {
            anyOf: [
              {
                type: 'string',
                enum: [
                  'Transparent',
                  'Black',
                  'White',
                  'Gray',
                  'Red',
                  'Green',
                  'Blue',
                  'Yellow',
                  'Cyan',
                  'Magenta',
                  'Orange',
                ],
              },
              {
                type: 'null',
              },
            ],
            default: 'Transparent',
          },
          output_container_and_codec: {
            anyOf: [
              {
                type: 'string',
                enum: [
                  'mp4_h264',
                  'mp4_h265',
                  'webm_vp9',
                  'mov_h265',
                  'mov_proresks',
                  'mkv_h264',
                  'mkv_h265',
                  'mkv_vp9',
                  'mkv_raw',
                  'gif',
                  'avi_h264',
                ],
              },
              {
                type: 'null',
              },
            ],
            default: 'webm_vp9',
          },
        },
        type: 'object',
        required: ['video'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/v1/bria/status/{task_id}',
    tag: 'Status',
    title: 'Bria Get Status',
    summary: 'Get the status of an asynchronous Bria request.',
    params: [
      {
        name: 'task_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns:
      'Returns: Json response containing: - status: Current status (IN_PROGRESS, COMPLETED, ERROR, UNKNOWN) - task_id: The request identifier - result (when COMPLETED): Contains image_url and optionally seed, prompt, refined_prompt - error (when ERROR): Contains message and optional error code',
  },
  {
    method: 'GET',
    path: '/api/v1/firefly/status/{task_id}',
    tag: 'Status',
    title: 'Get Result',
    summary: '',
    params: [
      {
        name: 'task_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
  },
  {
    method: 'DELETE',
    path: '/api/v1/firefly/cancel/{task_id}',
    tag: 'Status',
    title: 'Cancel Job',
    summary: '',
    params: [
      {
        name: 'task_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/runway/status/{task_id}',
    tag: 'Status',
    title: 'Fetch Task Details',
    summary:
      'Fetch the details of a task by its task ID. This endpoint retrieves the current status and metadata of a previously submitted task (e.g., image or video generation) using its unique task ID.',
    params: [
      {
        name: 'task_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns:
      'Returns: Json response with success status and the result containing the generated image URLs and metadata.',
  },
  {
    method: 'DELETE',
    path: '/api/v1/runway/cancel/{task_id}',
    tag: 'Status',
    title: 'Delete Task',
    summary:
      'Delete a task by its task ID. This endpoint allows you to cancel or delete a previously submitted task (such as image or video generation) using its unique task ID.',
    params: [
      {
        name: 'task_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns:
      'Returns: Json response with status message or any error details if the task could not be deleted.',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/projects',
    tag: 'LoRA Project Management',
    title: 'Get All Projects',
    summary: 'Get all LoRA projects. Returns: - JSONResponse: List of all projects',
    params: [],
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/projects',
    tag: 'LoRA Project Management',
    title: 'Create Project',
    summary: 'Create a new LoRA project. Args:',
    params: [],
    returns: 'Returns: - JSONResponse: Response containing the created project details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          project_name: {
            type: 'string',
            maxLength: 255,
            minLength: 1,
          },
          ip_medium: {
            type: 'string',
            enum: ['photography', 'illustration'],
          },
          ip_type: {
            type: 'string',
            enum: ['multi_object_set', 'object_variants', 'defined_character', 'style'],
          },
          project_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
          ip_name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
              },
              {
                type: 'null',
              },
            ],
          },
          ip_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['project_name', 'ip_medium', 'ip_type'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/projects/{project_id}',
    tag: 'LoRA Project Management',
    title: 'Get Project',
    summary: 'Get a specific LoRA project by ID. Args:',
    params: [
      {
        name: 'project_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Project details',
  },
  {
    method: 'PUT',
    path: '/api/v1/bria-lora/projects/{project_id}',
    tag: 'LoRA Project Management',
    title: 'Update Project',
    summary: 'Update a LoRA project. Args:',
    params: [
      {
        name: 'project_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Response containing the updated project details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          project_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          project_name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
                minLength: 1,
              },
              {
                type: 'null',
              },
            ],
          },
          project_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
          ip_name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
              },
              {
                type: 'null',
              },
            ],
          },
          ip_description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['project_id'],
      },
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/bria-lora/projects/{project_id}',
    tag: 'LoRA Project Management',
    title: 'Delete Project',
    summary: 'Delete a LoRA project. Args:',
    params: [
      {
        name: 'project_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Confirmation of deletion',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/datasets',
    tag: 'LoRA Project Management',
    title: 'Get All Datasets',
    summary: 'Get all datasets. Returns: - JSONResponse: List of all datasets',
    params: [],
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/datasets',
    tag: 'LoRA Project Management',
    title: 'Create Dataset',
    summary: 'Create a new dataset in a LoRA project. Args:',
    params: [],
    returns: 'Returns: - JSONResponse: Response containing the created dataset details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          project_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          name: {
            type: 'string',
            maxLength: 255,
            minLength: 1,
          },
        },
        type: 'object',
        required: ['project_id', 'name'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/datasets/{dataset_id}',
    tag: 'LoRA Project Management',
    title: 'Get Dataset',
    summary: 'Get a specific dataset by ID. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Dataset details',
  },
  {
    method: 'PUT',
    path: '/api/v1/bria-lora/datasets/{dataset_id}',
    tag: 'LoRA Project Management',
    title: 'Update Dataset',
    summary: 'Update a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Response containing the updated dataset details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          dataset_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
                minLength: 1,
              },
              {
                type: 'null',
              },
            ],
          },
          caption_prefix: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
              },
              {
                type: 'null',
              },
            ],
          },
          status: {
            anyOf: [
              {
                type: 'string',
                enum: ['draft', 'completed'],
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['dataset_id'],
      },
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/bria-lora/datasets/{dataset_id}',
    tag: 'LoRA Project Management',
    title: 'Delete Dataset',
    summary: 'Delete a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Confirmation of deletion',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/projects/{project_id}/datasets',
    tag: 'LoRA Project Management',
    title: 'Get Project Datasets',
    summary: 'Get all datasets for a specific project. Args:',
    params: [
      {
        name: 'include_models',
        in: 'query',
        type: 'boolean',
        required: false,
        nullable: false,
        default: false,
      },
      {
        name: 'include_models_ids',
        in: 'query',
        type: 'boolean',
        required: false,
        nullable: false,
        default: false,
      },
      {
        name: 'project_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: List of datasets for the project',
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images',
    tag: 'LoRA Project Management',
    title: 'Upload Image',
    summary:
      'Upload an image to a dataset in a LoRA project. The image can be uploaded via file path or URL. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Response containing the result of the upload operation',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          dataset_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          file_path: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          image_name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['dataset_id'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images',
    tag: 'LoRA Project Management',
    title: 'Get Dataset Images',
    summary: 'Get all images in a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: List of images in the dataset',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}',
    tag: 'LoRA Project Management',
    title: 'Get Dataset Image',
    summary: 'Get a specific image from a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
      {
        name: 'image_id',
        in: 'path',
        type: 'integer',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Image details',
  },
  {
    method: 'DELETE',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}',
    tag: 'LoRA Project Management',
    title: 'Delete Image',
    summary: 'Delete an image from a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
      {
        name: 'image_id',
        in: 'path',
        type: 'integer',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Confirmation of deletion',
  },
  {
    method: 'PUT',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}/caption',
    tag: 'LoRA Project Management',
    title: 'Update Image Caption',
    summary:
      'Update the caption of an image in a dataset. Optionally regenerate the caption using the model. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
      {
        name: 'image_id',
        in: 'path',
        type: 'integer',
        required: true,
        nullable: false,
      },
    ],
    returns:
      'Returns: - JSONResponse: Response containing the result of the caption update operation',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          image_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          dataset_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          caption: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          regenerate_caption: {
            type: 'boolean',
            default: false,
          },
        },
        type: 'object',
        required: ['image_id', 'dataset_id'],
      },
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/bria-lora/datasets/{dataset_id}/images/captions',
    tag: 'LoRA Project Management',
    title: 'Regenerate All Captions',
    summary: 'Regenerate captions for all images in a dataset. Args:',
    params: [
      {
        name: 'dataset_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Result of regeneration',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/models',
    tag: 'LoRA Project Management',
    title: 'Get All Models',
    summary: 'Get all models. Returns: - JSONResponse: List of all models',
    params: [],
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/models',
    tag: 'LoRA Project Management',
    title: 'Create Model',
    summary: 'Create a new model in a LoRA project. Args:',
    params: [],
    returns: 'Returns: - JSONResponse: Response containing the created model details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          name: {
            type: 'string',
            maxLength: 255,
            minLength: 1,
          },
          dataset_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          training_version: {
            type: 'string',
            enum: ['light', 'max'],
          },
          description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['name', 'dataset_id', 'training_version'],
      },
    },
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/models/{model_id}',
    tag: 'LoRA Project Management',
    title: 'Get Model',
    summary: 'Get a specific model by ID. Args:',
    params: [
      {
        name: 'model_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Model details',
  },
  {
    method: 'PUT',
    path: '/api/v1/bria-lora/models/{model_id}',
    tag: 'LoRA Project Management',
    title: 'Update Model',
    summary: 'Update a model. Args:',
    params: [
      {
        name: 'model_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Response containing the updated model details',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          model_id: {
            type: 'integer',
            exclusiveMinimum: 0,
          },
          name: {
            anyOf: [
              {
                type: 'string',
                maxLength: 255,
                minLength: 1,
              },
              {
                type: 'null',
              },
            ],
          },
          description: {
            anyOf: [
              {
                type: 'string',
                maxLength: 1000,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['model_id'],
      },
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/bria-lora/models/{model_id}',
    tag: 'LoRA Project Management',
    title: 'Delete Model',
    summary: 'Delete a model. Args:',
    params: [
      {
        name: 'model_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Confirmation of deletion',
  },
  {
    method: 'GET',
    path: '/api/v1/bria-lora/projects/{project_id}/models',
    tag: 'LoRA Project Management',
    title: 'Get Project Models',
    summary: 'Get all models for a specific project. Args:',
    params: [
      {
        name: 'project_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: List of models for the project',
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/models/{model_id}/training/start',
    tag: 'LoRA Training',
    title: 'Start Training',
    summary: 'Start training a model. Args:',
    params: [
      {
        name: 'model_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Training status',
  },
  {
    method: 'POST',
    path: '/api/v1/bria-lora/models/{model_id}/training/stop',
    tag: 'LoRA Training',
    title: 'Stop Training',
    summary: 'Stop training a model. Args:',
    params: [
      {
        name: 'model_id',
        in: 'path',
        type: 'string',
        required: true,
        nullable: false,
      },
    ],
    returns: 'Returns: - JSONResponse: Training status',
  },
  {
    method: 'POST',
    path: '/api/v1/google-vision/video/generation/generate-video',
    tag: 'Video Generation',
    title: 'Veo Generate Video',
    summary: 'Generate videos using Vertex AI VEO.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the generated video URLs.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          model: {
            $ref: '#/components/schemas/VeoModel',
            default: 'veo-2.0-generate-001',
          },
          prompt: {
            type: 'string',
            minLength: 4,
          },
          aspect_ratio: {
            type: 'string',
            enum: ['9:16', '16:9'],
            default: '16:9',
          },
          duration: {
            $ref: '#/components/schemas/VeoDuration',
            default: 5,
          },
          start_image_url: {
            anyOf: [
              {
                type: 'string',
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          person_generation: {
            anyOf: [
              {
                $ref: '#/components/schemas/src__models__veo__PersonGeneration',
              },
              {
                type: 'null',
              },
            ],
            default: 'allow',
          },
          enhance_prompt: {
            anyOf: [
              {
                type: 'boolean',
              },
              {
                type: 'null',
              },
            ],
            default: false,
          },
          negative_prompt: {
            anyOf: [
              {
                type: 'string',
              },
              {
                type: 'null',
              },
            ],
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/video/generation/generate-video-from-text',
    tag: 'Video Generation',
    title: 'Generate Video From Text',
    summary:
      'Generate a video from a text prompt. This endpoint uses the VEO3 model to generate a video purely from a text description, without requiring any input images or videos.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            maxLength: 1000,
            minLength: 1,
          },
          model: {
            type: 'string',
            const: 'veo3',
            default: 'veo3',
          },
          aspect_ratio: {
            type: 'string',
            enum: ['1280:720', '720:1280'],
            default: '1280:720',
          },
          duration: {
            type: 'integer',
            const: 8,
            default: 8,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
                maximum: 4294967295,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/video/generation/generate-video-from-image',
    tag: 'Video Generation',
    title: 'Generate Video From Image',
    summary: 'Generate a video from an input image.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            maxLength: 1000,
            minLength: 1,
          },
          image_url: {
            anyOf: [
              {
                type: 'string',
                maxLength: 2048,
                minLength: 1,
                format: 'uri',
              },
              {
                type: 'null',
              },
            ],
          },
          aspect_ratio: {
            $ref: '#/components/schemas/VideoAspectRatio',
            default: '1280:720',
          },
          duration: {
            type: 'integer',
            enum: [5, 10],
            default: 10,
          },
          model: {
            type: 'string',
            enum: ['gen4_turbo', 'gen3a_turbo', 'veo3'],
            default: 'gen4_turbo',
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
                maximum: 4294967295,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          content_moderation: {
            anyOf: [
              {
                $ref: '#/components/schemas/ContentModeration',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/video/generation/generate-video-from-motion',
    tag: 'Video Generation',
    title: 'Generate Video From Motion',
    summary: 'Generate a video from a reference video for motion and expression transfer.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          character: {
            $ref: '#/components/schemas/CharacterInput',
          },
          reference_url: {
            type: 'string',
            maxLength: 2048,
            minLength: 1,
            format: 'uri',
          },
          aspect_ratio: {
            $ref: '#/components/schemas/VideoAspectRatio',
            default: '1280:720',
          },
          body_control: {
            type: 'boolean',
            default: true,
          },
          expression_intensity: {
            type: 'integer',
            maximum: 5,
            minimum: 1,
            default: 3,
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
                maximum: 4294967295,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          content_moderation: {
            anyOf: [
              {
                $ref: '#/components/schemas/ContentModeration',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['character', 'reference_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/video/generation/generate-video-from-video',
    tag: 'Video Generation',
    title: 'Generate Video From Video',
    summary: 'Generate a new video based on a given input video and a reference image.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            maxLength: 1000,
            minLength: 1,
          },
          video_uri: {
            type: 'string',
            maxLength: 2048,
            minLength: 1,
            format: 'uri',
          },
          reference_image_url: {
            type: 'string',
            maxLength: 2048,
            minLength: 1,
            format: 'uri',
          },
          aspect_ratio: {
            $ref: '#/components/schemas/VideoAspectRatio',
            default: '1280:720',
          },
          seed: {
            anyOf: [
              {
                type: 'integer',
                maximum: 4294967295,
                minimum: 0,
              },
              {
                type: 'null',
              },
            ],
          },
          content_moderation: {
            anyOf: [
              {
                $ref: '#/components/schemas/ContentModeration',
              },
              {
                type: 'null',
              },
            ],
          },
        },
        type: 'object',
        required: ['prompt', 'video_uri', 'reference_image_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/firefly/upload',
    tag: 'Upload',
    title: 'Upload',
    summary: '',
    params: [],
    body: {
      contentType: 'multipart/form-data',
      schema: {
        properties: {
          file: {
            type: 'string',
            format: 'binary',
          },
        },
        type: 'object',
        required: ['file'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/video/editing-generation/video-upscale',
    tag: 'Video Editing Generation',
    title: 'Upscale Video',
    summary:
      'Upscale a video using the RunwayML video up-scaling model. This endpoint accepts a video URL and enhances its quality/resolution using the RunwayML up-scaling service.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          video_url: {
            type: 'string',
            maxLength: 2048,
            minLength: 1,
            format: 'uri',
          },
        },
        type: 'object',
        required: ['video_url'],
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/runway/audio/generation/text-to-speech',
    tag: 'Audio Generation',
    title: 'Text To Speech',
    summary: 'Generate speech from text.',
    params: [],
    returns:
      'Returns: Json response with success status and the result containing the response, including task ID, status, and result URL (if available), or any error details.',
    body: {
      contentType: 'application/json',
      schema: {
        properties: {
          prompt: {
            type: 'string',
            maxLength: 1000,
            minLength: 1,
          },
          voice: {
            $ref: '#/components/schemas/RunwayVoice',
          },
          model: {
            type: 'string',
            const: 'eleven_multilingual_v2',
            default: 'eleven_multilingual_v2',
          },
        },
        type: 'object',
        required: ['prompt', 'voice'],
      },
    },
  },
  {
    method: 'GET',
    path: '/health',
    tag: 'Health',
    title: 'Health Check',
    summary: 'Health check endpoint.',
    params: [],
  },
]

/** The components request bodies name with `#/components/schemas/{name}`. */
export const DOCUMENT_COMPONENTS: Readonly<Record<string, JsonSchema>> = {
  AlignmentModel: {
    type: 'object',
    properties: {
      horizontal: {
        $ref: '#/components/schemas/HorizontalAlignmentModel',
      },
      vertical: {
        $ref: '#/components/schemas/VerticalAlignmentModel',
      },
    },
  },
  CharacterInput: {
    type: 'object',
    properties: {
      type: {
        type: 'string',
      },
      uri: {
        type: 'string',
        format: 'uri',
      },
    },
  },
  ContentClass: {
    type: 'string',
  },
  ContentModeration: {
    type: 'object',
    properties: {
      public_figure_threshold: {
        type: 'string',
      },
    },
  },
  ControlReferenceType: {
    type: 'string',
  },
  ControlnetType: {
    type: 'string',
  },
  CustomModel: {
    type: 'string',
  },
  EnhanceResolution: {
    type: 'string',
  },
  GPTImageBackground: {
    type: 'string',
  },
  GPTImageQuality: {
    type: 'string',
  },
  HarmBlockMethod: {
    type: 'string',
  },
  HarmBlockThreshold: {
    type: 'string',
  },
  HarmCategory: {
    type: 'string',
  },
  HorizontalAlignmentModel: {
    type: 'string',
  },
  ImageAspectRatio: {
    type: 'string',
  },
  ImageCaptionMode: {
    type: 'string',
  },
  ImagePromptMode: {
    type: 'string',
  },
  ImageReferenceModel: {
    type: 'object',
    properties: {
      source: {
        $ref: '#/components/schemas/SourceModel',
      },
    },
  },
  InsertModel: {
    type: 'object',
    properties: {
      bottom: {
        type: 'integer',
      },
      center: {
        type: 'integer',
      },
      left: {
        type: 'integer',
      },
      right: {
        type: 'integer',
      },
      top: {
        type: 'integer',
      },
    },
  },
  LlmProvider: {
    type: 'string',
  },
  ManualPlacement: {
    type: 'string',
  },
  MaskModel: {
    type: 'object',
    properties: {
      invert: {
        type: 'boolean',
      },
      source: {
        $ref: '#/components/schemas/SourceModel',
      },
    },
  },
  MaskReferenceMode: {
    type: 'string',
  },
  MaskType: {
    type: 'string',
  },
  ModelName: {
    type: 'string',
  },
  PlacementModel: {
    type: 'object',
    properties: {
      alignment: {
        $ref: '#/components/schemas/AlignmentModel',
      },
      insert: {
        $ref: '#/components/schemas/InsertModel',
      },
    },
  },
  PlacementType: {
    type: 'string',
  },
  ReferenceImage: {
    type: 'object',
    properties: {
      tag: {},
      uri: {},
    },
  },
  RemovalMode: {
    type: 'string',
  },
  RunwayVoice: {
    type: 'object',
    properties: {
      preset_id: {
        type: 'string',
      },
      type: {
        type: 'string',
      },
    },
  },
  SafetyFilterLevel: {
    type: 'string',
  },
  SizeImagesAsyncModel: {
    type: 'object',
    properties: {
      height: {
        type: 'integer',
      },
      width: {
        type: 'integer',
      },
    },
  },
  SourceModel: {
    type: 'object',
    properties: {
      upload_id: {},
      url: {},
    },
  },
  StructureModel: {
    type: 'object',
    properties: {
      image_reference: {
        $ref: '#/components/schemas/ImageReferenceModel',
      },
      strength: {
        type: 'integer',
      },
    },
  },
  StyleModel: {
    type: 'object',
    properties: {
      image_reference: {
        $ref: '#/components/schemas/ImageReferenceModel',
      },
      presets: {
        type: 'array',
        items: {
          type: 'string',
        },
      },
      strength: {
        type: 'integer',
      },
    },
  },
  SubjectReferenceType: {
    type: 'string',
  },
  VeoDuration: {
    type: 'integer',
  },
  VeoModel: {
    type: 'string',
  },
  VerticalAlignmentModel: {
    type: 'string',
  },
  VideoAspectRatio: {
    type: 'string',
  },
  VideoCaptionMode: {
    type: 'string',
  },
  google__genai__types__PersonGeneration: {
    type: 'string',
  },
  src__models__veo__PersonGeneration: {
    type: 'string',
  },
}
