export * from './params'
export * from './results'
