"""The reviewer's HTML reports: one page per document and an index per output folder."""
