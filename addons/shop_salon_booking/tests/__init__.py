# tests: each owner adds its own import line
