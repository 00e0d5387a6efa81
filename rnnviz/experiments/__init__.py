"""Experiments that show one idea: races between architectures, memory tasks, the Lab's runs."""
