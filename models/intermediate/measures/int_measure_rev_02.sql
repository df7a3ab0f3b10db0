{{ review_timeliness_measure('REV-02', "schedule.review_kind = 'second'") }}
