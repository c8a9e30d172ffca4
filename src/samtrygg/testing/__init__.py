"""Test support shared by every app (kept out of ``core``): ``matrix`` (actors, log-in and the
permission matrix), ``browser`` (Chromium fixtures), ``plugin`` (pytest defaults)."""
