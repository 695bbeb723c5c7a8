"""The scan pipeline: document -> citations -> resolution -> rules -> flags -> report."""
