# Function to check whether the string is palindrome
def isPalindrome(s):
    # Start from the leftmost and the rightmost corners of s
    low = 0
    high = len(s) - 1
    # Keep comparing characters while they are same
    while high > low:
        if s[low] != s[high]:
            return False
        low += 1
        high -= 1
    return True


# Driver code
for s in ["abba", "geeks"]:
    if isPalindrome(s):
        print(s, "is palindrome")
    else:
        print(s, "is not palindrome")
