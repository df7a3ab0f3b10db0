-- Child-level: Ofsted Annex A list 8, for inspection preparation only.
select * from mart_ofsted_annex_a_list_8
