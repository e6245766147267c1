"""The report context and the sections the notebook templates call, and the HTML export."""
