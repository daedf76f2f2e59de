//! The service graph editor's model, independent of any browser: geometry and
//! hit testing, edit commands with undo and redo, and automatic layout.

pub mod arrange;
pub mod boundary;
pub mod caption;
pub mod catalog;
pub mod clipboard;
pub mod draw;
pub mod edit;
pub mod find;
pub mod geometry;
pub mod gesture;
pub mod layout;
pub mod minimap;
pub mod route;
pub mod scene;
pub mod selection;

pub use edit::{Edit, EditError, History};
pub use geometry::{Point, Rect, ViewMode, Viewport};
pub use selection::{Commit, Draft, EdgeId, Highlight, Property, Selection};
