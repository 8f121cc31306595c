//! Trips, their legs and manifests.

use super::*;

impl Store {
    /// Trips the viewer may see, with the legs it may see.
    pub async fn trips(&self, viewer: &Viewer) -> Result<Vec<TripRow>, StoreError> {
        let mut sql = Sql::new(
            "SELECT t.id, t.name, t.capacity, t.escorts, \
             (SELECT COUNT(*) FROM cases c WHERE c.trip_id = t.id) FROM trips t WHERE 1 = 1",
        );
        match viewer {
            Viewer::Everything => {}
            Viewer::Escort(user) => {
                sql.push(" AND t.escorts LIKE ").text(escort_pattern(user));
            }
            Viewer::Transit(org) => {
                sql.push(" AND EXISTS (SELECT 1 FROM trip_legs l WHERE l.trip_id = t.id AND l.transit_org = ")
                    .text(org.as_str())
                    .push(")");
            }
            Viewer::Party(_) | Viewer::Nothing => {
                sql.push(" AND 1 = 0");
            }
        }
        sql.push(" ORDER BY t.seq");
        let mut trips = Vec::new();
        for r in sql.query().fetch_all(self.pool()).await? {
            trips.push(TripRow {
                id: TripId(r.try_get(0)?),
                name: r.try_get(1)?,
                capacity: r.try_get(2)?,
                escorts: escorts_of(r.try_get(3)?)?,
                booked: r.try_get(4)?,
                legs: Vec::new(),
            });
        }
        for trip in &mut trips {
            trip.legs = self
                .legs(&trip.id)
                .await?
                .into_iter()
                .filter(|l| match viewer {
                    Viewer::Transit(org) => l.transit_org.as_ref() == Some(org),
                    _ => true,
                })
                .collect();
        }
        Ok(trips)
    }

    /// A trip's legs in order.
    pub async fn legs(&self, trip: &TripId) -> Result<Vec<LegRow>, StoreError> {
        sqlx::query(
            "SELECT leg_id, trip_id, position, from_place, to_place, transit_org, carrier, departs_at \
             FROM trip_legs WHERE trip_id = $1 ORDER BY position",
        )
        .bind(trip.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(leg_row)
        .collect()
    }

    /// One leg with its trip's escorts, for the access policy.
    pub async fn leg(&self, leg: &LegId) -> Result<Option<(LegRow, Vec<UserId>)>, StoreError> {
        let row = sqlx::query(
            "SELECT l.leg_id, l.trip_id, l.position, l.from_place, l.to_place, l.transit_org, \
             l.carrier, l.departs_at, t.escorts FROM trip_legs l JOIN trips t ON t.id = l.trip_id \
             WHERE l.leg_id = $1",
        )
        .bind(leg.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((leg_row(&r)?, escorts_of(r.try_get(8)?)?)))
            .transpose()
    }

    /// The children booked on a trip.
    pub async fn manifest(&self, trip: &TripId) -> Result<Vec<ManifestEntry>, StoreError> {
        sqlx::query(
            "SELECT c.id, c.child_id, c.state, ch.details FROM cases c \
             JOIN children ch ON ch.id = c.child_id WHERE c.trip_id = $1 ORDER BY c.seq",
        )
        .bind(trip.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            let state: String = r.try_get(2)?;
            Ok(ManifestEntry {
                case_id: CaseId(r.try_get(0)?),
                child_id: ChildId(r.try_get(1)?),
                state: state.parse().map_err(StoreError::Corrupt)?,
                details: json(r.try_get(3)?, "child record")?,
            })
        })
        .collect()
    }
}
