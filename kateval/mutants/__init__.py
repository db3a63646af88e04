"""Mutation testing of the hidden tests (`kateval validate --mutants`): small wrong versions of
a task's gold solution, each graded like a sample, to find tests that let a wrong answer pass.

`operators` finds the mutations in one Kotlin file with the tree-sitter parser; `plan` turns a
task's gold patch into a capped, deterministic set of mutant patches against repo/."""
