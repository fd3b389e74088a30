export * from './client'
export * from './driver'
export * from './endpoints'
export * from './schemas'
