{{ review_timeliness_measure('REV-01', "schedule.review_kind = 'first'") }}
