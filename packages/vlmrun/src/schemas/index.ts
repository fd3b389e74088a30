export * from './common'
export * from './generate'
export * from './predictions'
