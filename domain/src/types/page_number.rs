//! A page of a list: the page asked, brought within the pages there are.

/// Where a page is in a list of `total` items, `size` to a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber {
    /// From 1.
    pub page: u64,
    /// At least 1.
    pub pages: u64,
    /// Items before this page.
    pub offset: u64,
}

impl PageNumber {
    /// Page `asked` (from 1; 0 is the first, past the end the last) of `total` items.
    pub fn of(asked: u64, total: u64, size: u64) -> Self {
        let size = size.max(1);
        let pages = total.div_ceil(size).max(1);
        let page = asked.clamp(1, pages);
        Self {
            page,
            pages,
            offset: (page - 1) * size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_brought_within_the_list() {
        assert_eq!(
            PageNumber::of(1, 0, 20),
            PageNumber {
                page: 1,
                pages: 1,
                offset: 0
            }
        );
        assert_eq!(PageNumber::of(0, 45, 20).page, 1);
        assert_eq!(
            PageNumber::of(3, 45, 20),
            PageNumber {
                page: 3,
                pages: 3,
                offset: 40
            }
        );
        assert_eq!(PageNumber::of(99, 45, 20).page, 3);
        assert_eq!(PageNumber::of(2, 40, 20).pages, 2);
    }
}
