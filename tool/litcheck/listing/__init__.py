"""Selection, search, citation styles and renderers: Library -> selection -> reading list or export."""
