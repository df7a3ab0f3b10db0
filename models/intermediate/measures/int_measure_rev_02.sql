{{ review_timeliness_measure('REV-02', 'schedule.review_number = 2') }}
