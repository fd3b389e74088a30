export * from './common'
export * from './generate'
export * from './models'
export * from './tasks'
