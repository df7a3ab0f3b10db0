-- Aggregate, suppressed: the board pack's scorecard by principle and by outcome.
select * from mart_board_framework
