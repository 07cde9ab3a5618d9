"""Batch bookkeeping: the output folder, atomic writes, outcomes and summaries, the inbox ledger."""
