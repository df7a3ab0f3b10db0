{{ schedule_measure('HLT-02', 'int_health_assessment_schedule', 'health_due_id', 'next_assessment_date', 'is_due_while_looked_after', 'is_held_on_time', 'assessment_status') }}
