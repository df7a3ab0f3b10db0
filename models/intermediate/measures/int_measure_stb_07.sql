with

placements as not materialized (
    select * from {{ ref('int_measure_stb_01') }}
),

school_moves as not materialized (
    select * from {{ ref('int_measure_edu_03') }}
),

social_workers as not materialized (
    select * from {{ ref('int_measure_stb_06') }}
),

combined as (
    -- only children all three measures count: school-age (EDU-03's 5-15), looked after at 31
    -- March, in a year whose return held SWEpisodes and whose school-moves extract was sent
    select
        school_moves.child_id,
        school_moves.collection_year,
        school_moves.event_date,
        placements.is_in_numerator as has_3_placements,
        school_moves.is_in_numerator as has_mid_year_school_move,
        social_workers.is_in_numerator as has_3_social_workers
    from school_moves
    inner join placements
        on school_moves.child_id = placements.child_id
        and school_moves.collection_year = placements.collection_year
    inner join social_workers
        on school_moves.child_id = social_workers.child_id
        and school_moves.collection_year = social_workers.collection_year
    where school_moves.is_in_denominator
        and placements.is_in_denominator
        and social_workers.is_in_denominator
)

select
    'STB-07:' || combined.child_id || ':' || combined.collection_year as child_measure_id,
    combined.child_id,
    'STB-07' as measure_id,
    combined.collection_year,
    combined.event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(
        cast(combined.has_3_placements as integer)
        + cast(combined.has_mid_year_school_move as integer)
        + cast(combined.has_3_social_workers as integer)
        as double
    ) as observed_value,
    true as is_in_denominator,
    combined.has_3_placements and combined.has_mid_year_school_move
        and combined.has_3_social_workers as is_in_numerator,
    cast(
        cast(combined.has_3_placements as integer)
        + cast(combined.has_mid_year_school_move as integer)
        + cast(combined.has_3_social_workers as integer)
        as varchar
    ) || ' of 3 kinds of instability' as status
from combined
