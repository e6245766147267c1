"""Text cleaning shared by the readers: Chinese script, mojibake, numbers, units, growth words."""
