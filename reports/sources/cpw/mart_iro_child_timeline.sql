-- Child-level: the per-child timeline pages of the IRO report.
select * from mart_iro_child_timeline
