with

looked_after as not materialized (
    select * from {{ ref('int_looked_after_in_year') }}
),

populations as (
    -- the headline (population null) is the 31 March stock; the flows and the UASC stock are
    -- the populations DfE publishes beside it
    select looked_after.*, cast(null as varchar) as population
    from looked_after
    where looked_after.is_looked_after_at_year_end
    union all
    select looked_after.*, 'started during the year'
    from looked_after
    where looked_after.has_started_in_year
    union all
    select looked_after.*, 'ceased during the year'
    from looked_after
    where looked_after.has_ceased_in_year
    union all
    select looked_after.*, 'looked after during the year'
    from looked_after
    union all
    select looked_after.*, 'UASC at 31 March'
    from looked_after
    where looked_after.is_looked_after_at_year_end and looked_after.is_uasc_at_year_end
)

select
    'CTX-01:' || populations.child_id || ':' || populations.collection_year || ':'
        || coalesce(populations.population, 'at 31 March') as child_measure_id,
    populations.child_id,
    'CTX-01' as measure_id,
    populations.collection_year,
    populations.period_end as event_date,
    cast(null as date) as due_date,
    cast(null as date) as met_date,
    cast(1 as double) as observed_value,
    true as is_in_denominator,
    true as is_in_numerator,
    populations.population,
    cast(null as varchar) as category,
    coalesce(populations.population, 'looked after at 31 March') as status
from populations
