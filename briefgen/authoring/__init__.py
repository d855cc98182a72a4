"""Help for authors: a new course folder, the template catalogue, page previews and watch mode."""
