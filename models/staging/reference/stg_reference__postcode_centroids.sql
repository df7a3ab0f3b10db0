with

source as not materialized (
    select * from {{ source('reference', 'postcode_centroids') }}
)

select
    postcode_key,
    postcode,
    easting,
    northing,
    la_code
from source
