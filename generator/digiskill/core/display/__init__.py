"""Small display helpers every other core room shares: one rounding of shares to whole percents (`percent`), escaping
for HTML, SVG and XML (`markup`), Thai dates with Buddhist-era years (`thaidate`) and the columns of the tables
people read (`columns`). Standard library only; it imports no other digiskill module, only the root modules if it
ever needs one.
"""
