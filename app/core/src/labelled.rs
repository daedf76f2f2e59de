//! One table per fieldless enum for what every such enum of the model
//! offers: `ALL` (in the table's order), `id` (the name files and URLs use),
//! `label` (what people read) and `from_id`.

/// `labelled!(Kind { Variant => "id", "Label"; ... })`.
#[macro_export]
#[doc(hidden)]
macro_rules! labelled {
    ($ty:ident { $($variant:ident => $id:literal, $label:literal;)+ }) => {
        impl $ty {
            /// Every value, in the order people see them.
            pub const ALL: [$ty; [$($id),+].len()] = [$($ty::$variant),+];

            /// The name files, URLs and the command line use.
            pub fn id(self) -> &'static str {
                match self {
                    $($ty::$variant => $id,)+
                }
            }

            /// The name people read.
            pub fn label(self) -> &'static str {
                match self {
                    $($ty::$variant => $label,)+
                }
            }

            /// The value whose [`id`](Self::id) this is.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|x| x.id() == id)
            }
        }
    };
}
