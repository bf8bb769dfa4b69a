// Placeholder so the package loads; replaced by the room's real sources.
