with

children as not materialized (
    select * from {{ ref('dim_child') }}
),

dropdowns as not materialized (
    select * from {{ ref('annex_a_dropdowns') }}
)

select
    children.child_id,
    children.birth_date,
    sex_dropdown.dropdown_value as sex,
    ethnicity_dropdown.dropdown_value as ethnicity
from children
left join dropdowns as sex_dropdown
    on sex_dropdown.dropdown = 'sex'
    -- a sex code the return got wrong (flagged by the loader and rule 103) reads as not
    -- recorded, never as a blank the template does not allow
    and case when children.sex in ('M', 'F') then children.sex else 'U' end = sex_dropdown.code
left join dropdowns as ethnicity_dropdown
    on ethnicity_dropdown.dropdown = 'ethnicity' and children.ethnic_code = ethnicity_dropdown.code
