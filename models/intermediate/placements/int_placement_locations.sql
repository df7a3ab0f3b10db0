with

episodes as not materialized (
    select * from {{ ref('int_episodes') }}
),

centroids as not materialized (
    select * from {{ ref('stg_reference__postcode_centroids') }}
),

ls_codes as not materialized (
    select * from {{ ref('ssda903_ls_codes') }}
),

uasc as (
    select distinct child_id from {{ ref('stg_ssda903__uasc') }}
),

located as (
    select
        episodes.episode_id,
        episodes.child_id,
        episodes.episode_start_date,
        episodes.place_code,
        coalesce(ls_codes.is_short_break, false) as is_short_break,
        uasc.child_id is not null as is_uasc_or_former_uasc,
        home.easting as home_easting,
        home.northing as home_northing,
        placement.easting as placement_easting,
        placement.northing as placement_northing,
        placement.la_code as placement_la_code
    from episodes
    left join ls_codes
        on episodes.ls_code = ls_codes.ls_code
    left join uasc
        on episodes.child_id = uasc.child_id
    left join centroids as home
        on upper(replace(episodes.home_postcode, ' ', '')) = home.postcode_key
    left join centroids as placement
        on upper(replace(episodes.placement_postcode, ' ', '')) = placement.postcode_key
)

select
    episode_id,
    child_id,
    episode_start_date,
    place_code,
    placement_la_code,
    case
        when placement_la_code is null then null
        when placement_la_code = '{{ var("la_code") }}' then 'IN'
        else 'OUT'
    end as placement_location,
    -- DfE's rule (data standards §1): blank for short breaks and for UASC or former UASC;
    -- 999.9 when either postcode is unknown or outside the directory (outside England)
    case
        when is_short_break or is_uasc_or_former_uasc then null
        when home_easting is null or placement_easting is null then 999.9
        else round(
            sqrt(power(home_easting - placement_easting, 2)
                + power(home_northing - placement_northing, 2)) / 1000 / 1.6093,
            1
        )
    end as placement_distance_miles
from located
