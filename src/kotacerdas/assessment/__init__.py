"""Assessment: rubric versions, rounds, assessors, conflicts, assignment, scoring, moderation, results."""
