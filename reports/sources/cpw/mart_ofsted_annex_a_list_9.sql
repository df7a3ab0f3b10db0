-- Child-level: Ofsted Annex A list 9, for inspection preparation only.
select * from mart_ofsted_annex_a_list_9
