//! Trips, their legs, handovers and manifests.

use super::*;

impl Store {
    /// Trips the viewer may see, with the legs it may see, latest first.
    pub async fn trips(&self, viewer: &Viewer) -> Result<Vec<TripRow>, StoreError> {
        let mut sql = Sql::new(
            "SELECT t.id, t.name, t.capacity, t.escorts, \
             (SELECT COUNT(*) FROM cases c WHERE c.trip_id = t.id \
                AND c.state NOT IN ('closed', 'withdrawn')), \
             t.kind, t.carrier, t.cancelled FROM trips t WHERE 1 = 1",
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
        sql.push(" ORDER BY t.seq DESC");
        let mut trips = Vec::new();
        for r in sql.query().fetch_all(self.pool()).await? {
            let kind: Option<String> = r.try_get(5)?;
            trips.push(TripRow {
                id: TripId(r.try_get(0)?),
                name: r.try_get(1)?,
                capacity: r.try_get(2)?,
                escorts: escorts_of(r.try_get(3)?)?,
                booked: r.try_get(4)?,
                kind: kind.map(|k| parse_enum(&k)).transpose()?,
                carrier: r.try_get(6)?,
                status: if r.try_get::<i64, _>(7)? != 0 {
                    TripStatus::Cancelled
                } else {
                    TripStatus::Planned
                },
                legs: Vec::new(),
            });
        }
        for trip in &mut trips {
            let legs = self.legs(&trip.id).await?;
            if trip.status != TripStatus::Cancelled {
                trip.status = if legs.last().is_some_and(|l| l.arrived_at.is_some()) {
                    TripStatus::Completed
                } else if legs.iter().any(|l| l.departed_at.is_some()) {
                    TripStatus::Underway
                } else {
                    TripStatus::Planned
                };
            }
            trip.legs = legs
                .into_iter()
                .filter(|l| match viewer {
                    Viewer::Transit(org) => l.transit_org.as_ref() == Some(org),
                    _ => true,
                })
                .collect();
        }
        Ok(trips)
    }

    /// One trip as `viewer` may see it, or `None`.
    pub async fn trip(&self, viewer: &Viewer, id: &TripId) -> Result<Option<TripRow>, StoreError> {
        Ok(self.trips(viewer).await?.into_iter().find(|t| &t.id == id))
    }

    /// A trip's legs in order.
    pub async fn legs(&self, trip: &TripId) -> Result<Vec<LegRow>, StoreError> {
        sqlx::query(concat!(
            "SELECT ",
            leg_columns!(),
            " FROM trip_legs l WHERE l.trip_id = $1 ORDER BY l.position"
        ))
        .bind(trip.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(leg_row)
        .collect()
    }

    /// One leg with its trip's escorts, for the access policy.
    pub async fn leg(&self, leg: &LegId) -> Result<Option<(LegRow, Vec<UserId>)>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            leg_columns!(),
            ", t.escorts FROM trip_legs l JOIN trips t ON t.id = l.trip_id WHERE l.leg_id = $1"
        ))
        .bind(leg.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((leg_row(&r)?, escorts_of(r.try_get(15)?)?)))
            .transpose()
    }

    /// Every handover recorded on a trip, in order.
    pub async fn trip_handovers(&self, trip: &TripId) -> Result<Vec<HandoverRow>, StoreError> {
        sqlx::query(concat!(
            "SELECT ",
            handover_columns!(),
            handovers_with_receiver!(),
            " WHERE h.trip_id = $1 ORDER BY h.seq"
        ))
        .bind(trip.as_str())
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(handover_row)
        .collect()
    }

    /// The children booked on a trip (open cases).
    pub async fn manifest(&self, trip: &TripId) -> Result<Vec<ManifestEntry>, StoreError> {
        sqlx::query(
            "SELECT c.id, c.child_id, c.state, ch.details, c.consent_by, \
             fm.id, fm.child_id, fm.relationship, fm.details, fm.seq FROM cases c \
             JOIN children ch ON ch.id = c.child_id \
             LEFT JOIN family_members fm ON fm.id = c.consent_by AND fm.child_id = c.child_id \
             WHERE c.trip_id = $1 AND c.state NOT IN ('closed', 'withdrawn') ORDER BY c.seq",
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
                consent_by: r.try_get::<Option<String>, _>(4)?.map(FamilyMemberId),
                guardian: match r.try_get::<Option<String>, _>(5)? {
                    Some(_) => Some(family_row(&Columns(r, 5))?),
                    None => None,
                },
            })
        })
        .collect()
    }
}

/// An approved case that no trip carries yet.
#[derive(Debug, Clone, PartialEq)]
pub struct BookableCase {
    pub case_id: CaseId,
    pub child_id: ChildId,
    pub details: Option<ChildDetails>,
    pub group: Option<GroupId>,
}

impl Store {
    /// Approved cases not booked on any trip, oldest first (at most
    /// `limit`), for the booking form.
    pub async fn bookable_cases(&self, limit: i64) -> Result<Vec<BookableCase>, StoreError> {
        sqlx::query(
            "SELECT c.id, c.child_id, ch.details, c.group_id FROM cases c \
             JOIN children ch ON ch.id = c.child_id \
             WHERE c.state = 'approved' AND c.trip_id IS NULL ORDER BY c.seq LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(BookableCase {
                case_id: CaseId(r.try_get(0)?),
                child_id: ChildId(r.try_get(1)?),
                details: json(r.try_get(2)?, "child record")?,
                group: r.try_get::<Option<String>, _>(3)?.map(GroupId),
            })
        })
        .collect()
    }
}
