{{ schedule_measure('VIS-01', 'int_visit_schedule', 'visit_due_id', 'next_visit_date', 'is_due_while_placed', 'is_visited_on_time', 'visit_status') }}
