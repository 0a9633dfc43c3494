// Placeholder translation unit; replaced when this library gets its first real source.
