{{ review_timeliness_measure('REV-03', "schedule.review_kind = 'later'") }}
