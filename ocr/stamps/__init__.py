"""Rubber stamps as objects: found on the page (:mod:`.detect`), read on their own frame
(:mod:`.unwrap`, :mod:`.registry`, :mod:`.read`) and parsed into fields (:mod:`.parse`)."""
