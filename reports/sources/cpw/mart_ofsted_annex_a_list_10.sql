-- Child-level: Ofsted Annex A list 10, for inspection preparation only.
select * from mart_ofsted_annex_a_list_10
