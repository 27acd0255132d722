"""Stage 6: read generated .docx and .pptx back and prove they state the model's facts.

Users edit outputs by hand; councils must not receive a deck that says 6 seats where the agreement
says 5. Tables and charts carry their tree ids (a Word table caption, a PowerPoint shape name), so a
fact is found by what it is, not by guessing from layout.
"""
