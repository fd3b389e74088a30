import { defineConfig } from 'vitest/config'
import projects from './vitest.workspace'

export default defineConfig({
  test: {
    projects,
    // A test that leaves a handle open fails the run instead of hanging CI.
    teardownTimeout: 10_000,
  },
})
