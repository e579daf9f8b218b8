"""The sessions the browser's Web Worker starts, JSON text in and out: `StaffSession` for the assessment and
supervisor pages (`staff_session`) and `HrSession` for the gap-analysis page (`hr_session`, with its calls in
`hr_calls`). The CLI calls the same functions. It may import every other core room and the root modules; nothing in
core imports it.
"""
