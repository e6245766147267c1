"""Words, number formats, fonts, sentences and charts: everything a reader of a report sees."""
